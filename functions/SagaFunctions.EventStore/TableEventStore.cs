using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using SagaFunctions.EventStore.Storage;

namespace SagaFunctions.EventStore;

/// <summary>
/// Append-only event streams in one Azure table (one table per bounded context, one partition per
/// stream). Azure types appear only in construction: pass a <see cref="TableClient"/> built with the
/// options you need (retry, an <c>HttpPipelinePolicy</c> that counts requests, …).
/// Thread-safe; keep one instance per table.
/// </summary>
public sealed class TableEventStore
{
    private readonly TableClient _table;
    private readonly TimeProvider _time;
    private readonly StreamAppender _appender;
    private readonly EventRowReader _reader;
    private readonly MarkerRows _markers;
    private readonly CheckpointRows _checkpoints;

    public TableEventStore(TableClient table, EventTypeRegistry registry, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(registry);
        _table = table;
        _time = timeProvider ?? TimeProvider.System;
        Registry = registry;
        _markers = new MarkerRows(table);
        _appender = new StreamAppender(table, new StreamHeadCache(), _markers, _time);
        _reader = new EventRowReader(table, registry);
        _checkpoints = new CheckpointRows(table);
        Snapshots = new SnapshotRows(table);
    }

    public string TableName => _table.Name;

    public EventTypeRegistry Registry { get; }

    internal SnapshotRows Snapshots { get; }

    /// <summary>Creates the table if it does not exist (call once at startup).</summary>
    public async Task CreateTableIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Appends <paramref name="events"/> if the stream is at <paramref name="expected"/>, and returns the
    /// versions they occupy. Up to 49 events commit in one transaction; larger appends are split into
    /// several, in order, each guarded by the head's ETag.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">The stream is at another version; nothing written.</exception>
    /// <exception cref="EventIdConflictException">An event id is already stored with other data; nothing written.</exception>
    /// <exception cref="EventTooLargeException">An event does not fit in a 1 MiB entity; nothing written.</exception>
    /// <exception cref="PartialAppendException">A split append failed after some transactions committed.</exception>
    /// <exception cref="ArgumentException">Invalid stream id or event id, duplicate event ids, or no events.</exception>
    public async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken = default)
    {
        StreamIdValidator.Validate(streamId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var now = _time.GetUtcNow();
        var prepared = new PreparedEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            prepared[i] = PreparedEvent.Prepare(streamId, events[i], Registry, now);
            if (!ids.Add(prepared[i].EventId))
            {
                throw new ArgumentException($"Event id '{prepared[i].EventId}' appears twice in one append.", nameof(events));
            }
        }

        return await _appender.AppendAsync(streamId, expected, prepared, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stream's current version (0 when it does not exist): one point read.</summary>
    public async Task<long> GetStreamVersionAsync(string streamId, CancellationToken cancellationToken = default)
    {
        StreamIdValidator.Validate(streamId);
        var head = await _appender.ReadHeadAsync(streamId, cancellationToken).ConfigureAwait(false);
        return head.Version;
    }

    /// <summary>Events from <paramref name="fromVersion"/> up to and including <paramref name="toVersion"/>, in order.</summary>
    public IAsyncEnumerable<RecordedEvent> ReadForwardAsync(string streamId, long fromVersion = 1, long toVersion = long.MaxValue, CancellationToken cancellationToken = default)
    {
        StreamIdValidator.Validate(streamId);
        return _reader.ReadAsync(streamId, fromVersion, toVersion, cancellationToken);
    }

    /// <summary>
    /// The stream as it was at <paramref name="asOf"/>: events in order until the first one stamped later.
    /// Stopping there (not filtering) always gives a prefix of the stream, a state that really existed.
    /// </summary>
    public IAsyncEnumerable<RecordedEvent> ReadUntilAsync(string streamId, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        StreamIdValidator.Validate(streamId);
        return ReadUntil(streamId, asOf, cancellationToken);
    }

    /// <summary>
    /// Every event of every stream of the table (a rebuild's single scan), stream by stream in stream id
    /// order, each in version order; from the stream <paramref name="fromStreamId"/> on when given (a
    /// scan that resumes).
    /// </summary>
    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(string? fromStreamId = null, CancellationToken cancellationToken = default) =>
        _reader.ReadAllAsync(fromStreamId, cancellationToken);

    /// <summary>Every stream of the table with its current version.</summary>
    public IAsyncEnumerable<(string StreamId, long Version)> ListStreamsAsync(CancellationToken cancellationToken = default) =>
        _reader.ListStreamsAsync(cancellationToken);

    /// <summary>
    /// Streams with appends the read side may not have applied yet: a query of the markers' own
    /// partition, so it costs what is pending, however many events the table holds.
    /// </summary>
    public IAsyncEnumerable<ProjectionMarker> ListPendingMarkersAsync(CancellationToken cancellationToken = default) =>
        _markers.ListAsync(cancellationToken);

    /// <summary>The stream's pending marker (one point read), or null when nothing is pending.</summary>
    public Task<ProjectionMarker?> GetMarkerAsync(string streamId, CancellationToken cancellationToken = default)
    {
        StreamIdValidator.Validate(streamId);
        return _markers.GetAsync(streamId, cancellationToken);
    }

    /// <summary>
    /// Deletes <paramref name="marker"/> if no append replaced it since it was listed. False when a newer
    /// append happened: the marker stays so its events get projected too. Call it once the stream is
    /// applied up to the marker's version, or for a marker whose append evidently never committed
    /// (the stream is below its version long after it was written).
    /// </summary>
    public Task<bool> ClearMarkerAsync(string streamId, ProjectionMarker marker, CancellationToken cancellationToken = default)
    {
        StreamIdValidator.Validate(streamId);
        ArgumentNullException.ThrowIfNull(marker);
        return _markers.ClearAsync(streamId, marker, cancellationToken);
    }

    /// <summary>Where <paramref name="consumer"/> got to in the stream (version 0 and no token when it has no checkpoint yet).</summary>
    public Task<StreamCheckpoint> ReadCheckpointAsync(string streamId, string consumer, CancellationToken cancellationToken = default)
    {
        StreamIdValidator.Validate(streamId);
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        return _checkpoints.ReadAsync(streamId, consumer, cancellationToken);
    }

    /// <summary>
    /// Moves <paramref name="expected"/> (as read or last saved) to <paramref name="version"/>; returns it
    /// as stored, or null, writing nothing, when the checkpoint is not the expected one.
    /// </summary>
    public Task<StreamCheckpoint?> SaveCheckpointAsync(StreamCheckpoint expected, long version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        StreamIdValidator.Validate(expected.StreamId);
        ArgumentException.ThrowIfNullOrEmpty(expected.Consumer);
        return _checkpoints.SaveAsync(expected, version, cancellationToken);
    }

    private async IAsyncEnumerable<RecordedEvent> ReadUntil(string streamId, DateTimeOffset asOf, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var recorded in _reader.ReadAsync(streamId, 1, long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            if (recorded.Timestamp > asOf)
            {
                yield break;
            }

            yield return recorded;
        }
    }
}
