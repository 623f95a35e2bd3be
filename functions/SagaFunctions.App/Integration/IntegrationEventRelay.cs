using Azure;
using Azure.Data.Tables;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Integration;

/// <summary>
/// Publishes a stream's new events, as part of the projection pipeline, and keeps a checkpoint per
/// stream of what it published: a consumer checkpoint (<see cref="Consumer"/>) in the stream's own
/// partition. The pass records it after publishing, and clears the stream's marker in the same
/// transaction, so a crash before that leaves the marker and the events get published on the retry:
/// at least once.
/// </summary>
public sealed class IntegrationEventRelay(SagaStorage storage, IIntegrationEventPublisher publisher)
{
    public const string Consumer = "published";

    /// <summary>Where earlier builds kept the checkpoints (one row per stream); read when a stream has none of its own yet.</summary>
    public const string LegacyTableName = "IntegrationCheckpoints";
    private const string LegacyRowKey = "published";
    private const string LegacyVersion = "Version";

    private const int MaxAttempts = 20;

    private Task<bool>? _legacyExists;

    /// <summary>
    /// The checkpoint of a stream nothing was published from yet, assumed without a read (a new
    /// stream). If one exists after all, recording finds out; the events were then published twice,
    /// which the event ids let consumers detect.
    /// </summary>
    public static StreamCheckpoint NoneYet(string streamId) => StreamCheckpoint.None(streamId, Consumer);

    /// <summary>
    /// The stream's checkpoint. A stream that has none in its partition but one in the table earlier
    /// builds used starts from that one (without it, an upgrade would publish every stream's history
    /// again); the table is looked for once per process.
    /// </summary>
    public async Task<StreamCheckpoint> ReadCheckpointAsync(TableEventStore store, string streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var checkpoint = await store.ReadCheckpointAsync(streamId, Consumer, cancellationToken);
        if (checkpoint.ConcurrencyToken is not null || !await LegacyTableExistsAsync())
        {
            return checkpoint;
        }

        var legacy = await storage.Table(LegacyTableName).GetEntityIfExistsAsync<TableEntity>(store.TableName + ":" + streamId, LegacyRowKey, cancellationToken: cancellationToken);
        return legacy.HasValue ? checkpoint with { Version = legacy.Value!.GetInt64(LegacyVersion) ?? 0 } : checkpoint;
    }

    /// <summary>
    /// Publishes those of <paramref name="events"/> (in order, the stream read by the caller) after the
    /// checkpoint, and returns the version published through, for <see cref="RecordAsync"/>.
    /// </summary>
    public async Task<long> PublishAsync(StreamCheckpoint checkpoint, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(events);
        var fresh = events.Where(e => e.Version > checkpoint.Version).ToList();
        var published = fresh.Select(IntegrationEvents.From).OfType<IntegrationEvent>().ToList();
        if (published.Count > 0)
        {
            await publisher.PublishAsync(published, cancellationToken);
        }

        return fresh.Count > 0 ? fresh[^1].Version : checkpoint.Version;
    }

    /// <summary>
    /// Moves the checkpoint forward to <paramref name="version"/>, never back (a concurrent relay may have
    /// gone further), clearing <paramref name="marker"/> (when given) in the same request; returns the
    /// checkpoint as stored, which the caller may keep for the stream's next pass (its token tells
    /// whether another relay moved it meanwhile).
    /// </summary>
    public static async Task<StreamCheckpoint> RecordAsync(TableEventStore store, StreamCheckpoint checkpoint, long version, ProjectionMarker? marker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var expected = checkpoint;
        for (var attempt = 1; ; attempt++)
        {
            if (version <= expected.Version)
            {
                if (marker is not null)
                {
                    await store.ClearMarkerAsync(expected.StreamId, marker, cancellationToken);
                }

                return expected;
            }

            var save = await store.SaveCheckpointAsync(expected, version, marker, cancellationToken);
            if (save.Stored is { } stored)
            {
                return stored;
            }

            if (attempt >= MaxAttempts)
            {
                throw new RequestFailedException(412, $"The publish checkpoint of {checkpoint.StreamId} kept moving under {MaxAttempts} attempts.");
            }

            // Another relay moved it (or stored one where none was assumed): start from what is stored.
            expected = await store.ReadCheckpointAsync(expected.StreamId, Consumer, cancellationToken);
        }
    }

    /// <summary>Asked once per process; a failed look is asked again next time.</summary>
    private Task<bool> LegacyTableExistsAsync()
    {
        var known = _legacyExists;
        if (known is null || known.IsFaulted || known.IsCanceled)
        {
            known = _legacyExists = TableExistsAsync(storage.TablePrefix + LegacyTableName);
        }

        return known;
    }

    private async Task<bool> TableExistsAsync(string name)
    {
        await foreach (var _ in storage.Tables.QueryAsync(t => t.Name == name, maxPerPage: 1))
        {
            return true;
        }

        return false;
    }
}
