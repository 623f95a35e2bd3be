namespace SagaFunctions.Domain.Tests;

/// <summary>
/// Given-events / when-command / then-events specs for an aggregate's state, as Eventuous writes them:
/// <c>Given(events).When(state =&gt; state.Command(...))</c>, then <c>.Then(events)</c>,
/// <c>.ThenFails(reason)</c>, <c>.ThenNoChange()</c> or <c>.ThenThrows&lt;TException&gt;()</c>
/// (a programming error). A test class gives <see cref="Given"/> its state's fold once.
/// </summary>
internal static class Spec
{
    /// <summary>The state that <paramref name="fold"/> makes of <paramref name="history"/> (none: a new stream).</summary>
    public static AggregateSpec<TState> Given<TState>(Func<IEnumerable<object>, TState> fold, params IDomainEvent[] history) => new(fold, history);

    /// <summary>The command succeeded with exactly <paramref name="expected"/>.</summary>
    public static void ThenEmits(this CommandResult result, params IDomainEvent[] expected)
    {
        Assert.True(result.Succeeded, $"Expected success, got {result}.");
        Assert.Equal(expected, result.Events);
    }

    /// <summary>The command succeeded and changed nothing (its effect is already there, or there is nothing to undo).</summary>
    public static void ThenNoChange(this CommandResult result)
    {
        Assert.True(result.Succeeded, $"Expected success, got {result}.");
        Assert.Empty(result.Events);
        Assert.True(result.IsNoChange);
    }

    /// <summary>The command failed with <paramref name="reason"/> and emitted nothing.</summary>
    public static DomainFailure ThenFails(this CommandResult result, string reason)
    {
        Assert.False(result.Succeeded, $"Expected failure {reason}, got {result}.");
        Assert.Empty(result.Events);
        Assert.NotNull(result.Failure);
        Assert.Equal(reason, result.Failure.Reason);
        return result.Failure;
    }
}

/// <summary>Given: an aggregate's history, folded into its state.</summary>
internal sealed class AggregateSpec<TState>(Func<IEnumerable<object>, TState> fold, IReadOnlyList<IDomainEvent> history)
{
    /// <summary>The state the history folds into.</summary>
    public TState State { get; } = fold(history);

    /// <summary>When: the command, run on <see cref="State"/> by the Then that follows.</summary>
    public CommandSpec<TState> When(Func<TState, CommandResult> command) => new(this, command);

    /// <summary>The state after the history and then <paramref name="events"/>.</summary>
    internal TState After(IEnumerable<IDomainEvent> events) => fold([.. history, .. events]);
}

/// <summary>Then: what the command gives on the state.</summary>
internal sealed class CommandSpec<TState>(AggregateSpec<TState> given, Func<TState, CommandResult> command)
{
    /// <summary>The command succeeds with exactly <paramref name="expected"/>; returns the state after them.</summary>
    public TState Then(params IDomainEvent[] expected)
    {
        var result = command(given.State);
        result.ThenEmits(expected);
        return given.After(result.Events);
    }

    /// <summary>The command succeeds and emits nothing; returns the (unchanged) state.</summary>
    public TState ThenNoChange()
    {
        command(given.State).ThenNoChange();
        return given.State;
    }

    /// <summary>The command fails with <paramref name="reason"/> and emits nothing; returns the failure.</summary>
    public DomainFailure ThenFails(string reason) => command(given.State).ThenFails(reason);

    /// <summary>The command is refused as a programming error.</summary>
    public TException ThenThrows<TException>()
        where TException : Exception => Assert.Throws<TException>(() => command(given.State));
}
