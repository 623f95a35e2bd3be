namespace SagaFunctions.EventStore;

/// <summary>
/// An aggregate's state after folding events up to <paramref name="Version"/>. <paramref name="SnapshotVersion"/>
/// is the version of the snapshot the load started from (0: folded from the first event).
/// </summary>
public sealed record AggregateState<TState>(TState State, long Version, long SnapshotVersion)
    where TState : notnull;
