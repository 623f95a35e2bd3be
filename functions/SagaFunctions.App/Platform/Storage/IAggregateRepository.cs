using SagaFunctions.Domain;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Platform.Storage;

/// <summary>What a command did: the state after it, and the domain's decision.</summary>
public sealed record CommandOutcome<TState>(AggregateState<TState> State, CommandResult Result)
    where TState : notnull
{
    /// <summary>True when this run appended the decision's events (false: nothing to append, or a retry found them stored).</summary>
    public bool Appended { get; init; }
}

/// <summary>
/// The streams of one kind of aggregate, as the application services use them: load (now or as it
/// was), read the events, and run a command as one local transaction (load, decide, append). The
/// app runs it on Table Storage (<see cref="AggregateRepository{TState}"/>); application tests on memory.
/// </summary>
public interface IAggregateRepository<TState>
    where TState : notnull
{
    Task<AggregateState<TState>> LoadAsync(string streamId, CancellationToken cancellationToken = default);

    Task<AggregateState<TState>> LoadAsOfVersionAsync(string streamId, long version, CancellationToken cancellationToken = default);

    Task<AggregateState<TState>> LoadAsOfAsync(string streamId, DateTimeOffset asOf, CancellationToken cancellationToken = default);

    /// <summary>The stream's version (0: it does not exist), without reading its events.</summary>
    Task<long> GetVersionAsync(string streamId, CancellationToken cancellationToken = default);

    IAsyncEnumerable<RecordedEvent> ReadAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Decides <paramref name="decide"/> on the stream's state and appends what it decided, as one
    /// local transaction; a concurrent writer makes it decide again on what that writer wrote.
    /// </summary>
    /// <param name="eventId">The id of the decision's event: deterministic (e.g. <c>{orderId}:{step}</c>), so a retried command appends nothing twice. Further events of one decision get <c>:1</c>, <c>:2</c>….</param>
    Task<CommandOutcome<TState>> ExecuteAsync(string streamId, Func<TState, CommandResult> decide, string eventId, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="ExecuteAsync"/> for a command that almost always starts its stream (a new order,
    /// an order's payment): decided on the empty state without reading the stream first. When the
    /// stream exists after all (a retry), the append is refused and the command decided again on it.
    /// </summary>
    Task<CommandOutcome<TState>> ExecuteOnNewStreamAsync(string streamId, Func<TState, CommandResult> decide, string eventId, CancellationToken cancellationToken = default);
}
