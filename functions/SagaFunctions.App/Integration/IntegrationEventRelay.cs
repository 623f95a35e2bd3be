using Azure;
using Azure.Data.Tables;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Integration;

/// <summary>Where the relay got to in one stream: the last published version, and the row's ETag (null: none yet).</summary>
public sealed record PublishCheckpoint(string Partition, long Version, ETag? ETag);

/// <summary>
/// Publishes a stream's new events, as part of the projection pipeline (before its marker is
/// cleared, so a crash leaves the marker and the events get published on the retry). Its
/// checkpoint per stream (table <c>IntegrationCheckpoints</c>) is written after the publish: at least once.
/// </summary>
public sealed class IntegrationEventRelay(SagaStorage storage, IIntegrationEventPublisher publisher)
{
    public const string TableName = "IntegrationCheckpoints";
    private const string RowKey = "published";
    private const string Version = "Version";
    private const int MaxAttempts = 20;

    private readonly TableClient _table = storage.Table(TableName);
    private readonly Lazy<Task> _created = new(() => storage.Table(TableName).CreateIfNotExistsAsync());

    /// <summary>
    /// The checkpoint of a stream nothing was published from yet, assumed without a read (a new
    /// stream). If one exists after all, advancing it finds out; the events were then published twice,
    /// which the event ids let consumers detect.
    /// </summary>
    public static PublishCheckpoint NoneYet(TableEventStore store, string streamId)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new PublishCheckpoint(store.TableName + ":" + streamId, 0, null);
    }

    public async Task<PublishCheckpoint> ReadCheckpointAsync(TableEventStore store, string streamId, CancellationToken cancellationToken)
    {
        await _created.Value;
        var none = NoneYet(store, streamId);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(none.Partition, RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? none with { Version = row.Value!.GetInt64(Version) ?? 0, ETag = row.Value.ETag } : none;
    }

    /// <summary>
    /// Publishes those of <paramref name="events"/> (in order, the stream read by the caller) after the
    /// checkpoint, and returns the checkpoint as stored afterwards (the caller may keep it for the
    /// stream's next pass: its ETag tells whether another relay moved it meanwhile).
    /// </summary>
    public async Task<PublishCheckpoint> PublishAsync(PublishCheckpoint checkpoint, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(events);
        var fresh = events.Where(e => e.Version > checkpoint.Version).ToList();
        if (fresh.Count == 0)
        {
            return checkpoint;
        }

        var published = fresh.Select(IntegrationEvents.From).OfType<IntegrationEvent>().ToList();
        if (published.Count > 0)
        {
            await publisher.PublishAsync(published, cancellationToken);
        }

        return await AdvanceAsync(checkpoint, fresh[^1].Version, cancellationToken);
    }

    /// <summary>Moves the checkpoint forward, never back (a concurrent relay may have gone further).</summary>
    private async Task<PublishCheckpoint> AdvanceAsync(PublishCheckpoint checkpoint, long version, CancellationToken cancellationToken)
    {
        await _created.Value;
        var etag = checkpoint.ETag;
        for (var attempt = 1; ; attempt++)
        {
            var row = new TableEntity(checkpoint.Partition, RowKey) { [Version] = version };
            try
            {
                var response = etag is { } match
                    ? await _table.UpdateEntityAsync(row, match, TableUpdateMode.Replace, cancellationToken)
                    : await _table.AddEntityAsync(row, cancellationToken);
                return new PublishCheckpoint(checkpoint.Partition, version, response.Headers.ETag);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                var current = await _table.GetEntityIfExistsAsync<TableEntity>(checkpoint.Partition, RowKey, cancellationToken: cancellationToken);
                var stored = current.HasValue ? new PublishCheckpoint(checkpoint.Partition, current.Value!.GetInt64(Version) ?? 0, current.Value.ETag) : null;
                if (stored is not null && stored.Version >= version)
                {
                    return stored;
                }

                etag = stored?.ETag;
            }
        }
    }
}
