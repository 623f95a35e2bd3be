using SagaFunctions.Domain.Saga;

namespace SagaFunctions.Domain;

/// <summary>
/// What a command method returns: either success with the new events to append (possibly none,
/// when the command's effect is already there) or a business failure (nothing to append).
/// </summary>
public sealed class CommandResult
{
    private static readonly IDomainEvent[] NoEvents = [];

    private CommandResult(IReadOnlyList<IDomainEvent> events, DomainFailure? failure)
    {
        Events = events;
        Failure = failure;
    }

    /// <summary>A success that changes nothing (idempotent repeat, nothing to undo).</summary>
    public static CommandResult NoChange { get; } = new(NoEvents, null);

    /// <summary>The events to append; empty on failure and on an idempotent repeat.</summary>
    public IReadOnlyList<IDomainEvent> Events { get; }

    /// <summary>The business failure, or <c>null</c> on success.</summary>
    public DomainFailure? Failure { get; }

    public bool Succeeded => Failure is null;

    /// <summary>True when the command succeeded without new events.</summary>
    public bool IsNoChange => Failure is null && Events.Count == 0;

    public static CommandResult Success(params IDomainEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Length == 0 ? NoChange : new CommandResult(events, null);
    }

    public static CommandResult Fail(string reason, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new CommandResult(NoEvents, new DomainFailure(reason, detail ?? string.Empty));
    }

    /// <summary>The saga activity view of this result, answered by <paramref name="step"/>.</summary>
    public StepResult ToStepResult(string step) =>
        Failure is null ? StepResult.Success(step) : StepResult.Failure(step, Failure.Reason, Failure.Detail);

    public override string ToString() =>
        Failure is null ? $"Success({string.Join(", ", Events)})" : $"Failure({Failure.Reason}: {Failure.Detail})";
}
