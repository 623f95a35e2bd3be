using System.Text.Json.Serialization.Metadata;

namespace SagaFunctions.EventStore;

/// <summary>
/// How to rebuild one kind of aggregate from its events: the state before any event, a pure fold,
/// and snapshot settings. <paramref name="Name"/> is stored with snapshots so one aggregate's snapshot
/// is never read as another's. Bump <paramref name="SnapshotSchemaVersion"/> whenever the state's shape
/// or the fold changes: older snapshots are then ignored (full fold) instead of trusted.
/// <paramref name="SnapshotInterval"/> 0 turns snapshots off. With an interval up to 1,000 the events
/// after a snapshot fit in one query page, so a load takes at most two round trips.
/// </summary>
public sealed record AggregateDefinition<TState>(
    string Name,
    TState Initial,
    Func<TState, object, TState> Fold,
    JsonTypeInfo<TState> StateTypeInfo,
    int SnapshotInterval = 100,
    int SnapshotSchemaVersion = 1)
    where TState : notnull;
