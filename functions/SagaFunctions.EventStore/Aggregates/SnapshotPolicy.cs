namespace SagaFunctions.EventStore;

/// <summary>Pure rules for folding and snapshotting, kept apart from storage so they test on their own.</summary>
public static class SnapshotPolicy
{
    /// <summary>True when an append from <paramref name="versionBefore"/> to <paramref name="versionAfter"/> crosses a multiple of the interval.</summary>
    public static bool ShouldSnapshot(long versionBefore, long versionAfter, int interval) =>
        interval > 0 && versionAfter / interval > versionBefore / interval;

    /// <summary>Folds <paramref name="events"/> onto <paramref name="state"/> in order.</summary>
    public static TState Fold<TState>(AggregateDefinition<TState> definition, TState state, IEnumerable<object> events)
        where TState : notnull
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var data in events)
        {
            state = definition.Fold(state, data);
        }

        return state;
    }
}
