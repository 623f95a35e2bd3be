using Azure;
using SagaFunctions.EventStore.Aggregates;

namespace SagaFunctions.EventStore;

/// <summary>
/// Loads and appends one kind of aggregate: snapshot + fold of the tail to load (two round trips),
/// append with the loaded version as expected version, snapshot when an interval is crossed.
/// </summary>
public sealed class AggregateStore<TState>
    where TState : notnull
{
    private readonly TableEventStore _store;

    public AggregateStore(TableEventStore store, AggregateDefinition<TState> definition)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(definition.Name, nameof(definition));
        ArgumentOutOfRangeException.ThrowIfNegative(definition.SnapshotInterval, nameof(definition));
        _store = store;
        Definition = definition;
    }

    public AggregateDefinition<TState> Definition { get; }

    /// <summary>The current state: 1) point-read the snapshot, 2) range-query the events after it.</summary>
    public async Task<AggregateState<TState>> LoadAsync(string streamId, CancellationToken cancellationToken = default) =>
        await LoadAsOfVersionAsync(streamId, long.MaxValue, cancellationToken).ConfigureAwait(false);

    /// <summary>The state after event <paramref name="version"/> (uses the snapshot when it is not newer).</summary>
    public async Task<AggregateState<TState>> LoadAsOfVersionAsync(string streamId, long version, CancellationToken cancellationToken = default)
    {
        StreamIdValidator.Validate(streamId);
        var start = await ReadSnapshotAsync(streamId, cancellationToken).ConfigureAwait(false);
        if (start is null || start.Version > version)
        {
            start = new AggregateState<TState>(Definition.Initial, 0, 0);
        }

        return await FoldAsync(start, _store.ReadForwardAsync(streamId, start.Version + 1, version, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The state as it was at <paramref name="asOf"/> (a full fold of the events stamped up to then).</summary>
    public async Task<AggregateState<TState>> LoadAsOfAsync(string streamId, DateTimeOffset asOf, CancellationToken cancellationToken = default) =>
        await FoldAsync(new AggregateState<TState>(Definition.Initial, 0, 0), _store.ReadUntilAsync(streamId, asOf, cancellationToken)).ConfigureAwait(false);

    /// <summary>
    /// Appends <paramref name="events"/> expecting the stream at <paramref name="current"/>'s version and
    /// returns the new state; writes a snapshot when the append crosses the snapshot interval.
    /// </summary>
    public async Task<AggregateState<TState>> AppendAsync(string streamId, AggregateState<TState> current, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken = default) =>
        (await AppendReportingAsync(streamId, current, events, cancellationToken).ConfigureAwait(false)).State;

    /// <summary>As <see cref="AppendAsync"/>, and also what the store reported about the append (versions, marker, events).</summary>
    public async Task<(AggregateState<TState> State, AppendResult Append)> AppendReportingAsync(
        string streamId, AggregateState<TState> current, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(events);
        var result = await _store.AppendAsync(streamId, ExpectedVersion.Exact(current.Version), events, cancellationToken).ConfigureAwait(false);
        if (result.AlreadyAppended)
        {
            // A retry: the stored stream already has these events, possibly with more after them.
            return (await LoadAsync(streamId, cancellationToken).ConfigureAwait(false), result);
        }

        var next = new AggregateState<TState>(SnapshotPolicy.Fold(Definition, current.State, events.Select(e => e.Data)), result.LastVersion, current.SnapshotVersion);
        if (!SnapshotPolicy.ShouldSnapshot(current.Version, next.Version, Definition.SnapshotInterval))
        {
            return (next, result);
        }

        try
        {
            return (await WriteSnapshotAsync(streamId, next, cancellationToken).ConfigureAwait(false), result);
        }
        catch (RequestFailedException)
        {
            // The events are committed and are the truth; a snapshot is only a cache. Failing the
            // append here would make the caller retry work that is done. The next crossing writes one.
            return (next, result);
        }
    }

    /// <summary>Stores <paramref name="state"/> as the stream's snapshot (skipped if it exceeds 1 MiB).</summary>
    public async Task<AggregateState<TState>> WriteSnapshotAsync(string streamId, AggregateState<TState> state, CancellationToken cancellationToken = default)
    {
        StreamIdValidator.Validate(streamId);
        ArgumentNullException.ThrowIfNull(state);
        var written = await _store.Snapshots.WriteAsync(streamId, SnapshotCodec.Encode(Definition, state), cancellationToken).ConfigureAwait(false);
        return written ? state with { SnapshotVersion = state.Version } : state;
    }

    private async Task<AggregateState<TState>?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken)
    {
        if (Definition.SnapshotInterval == 0)
        {
            return null;
        }

        var stored = await _store.Snapshots.ReadAsync(streamId, cancellationToken).ConfigureAwait(false);
        return SnapshotCodec.TryDecode(Definition, stored);
    }

    private async Task<AggregateState<TState>> FoldAsync(AggregateState<TState> start, IAsyncEnumerable<RecordedEvent> events)
    {
        var state = start.State;
        var version = start.Version;
        await foreach (var recorded in events.ConfigureAwait(false))
        {
            state = Definition.Fold(state, recorded.Data);
            version = recorded.Version;
        }

        return new AggregateState<TState>(state, version, start.SnapshotVersion);
    }
}
