using Azure;
using Azure.Data.Tables;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Projections;

/// <summary>What one catch-up of one view row did.</summary>
public sealed record ViewCatchUp(TableEntity? Row, int Applied, DateTimeOffset? LastEventAt);

/// <summary>
/// Brings one view row up to its stream's head: read the row, read the events after its checkpoint,
/// apply them, write with the row's ETag (insert if new). A 412/409 means another invocation wrote
/// the row meanwhile: reload and go again. Duplicates and out-of-order notifications therefore end in
/// the same row.
/// </summary>
public sealed class CheckpointedViewWriter(TimeProvider time)
{
    private const int MaxAttempts = 20;

    public async Task<ViewCatchUp> CatchUpAsync(TableClient views, IViewProjection projection, TableEventStore store, string streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(store);
        var key = projection.KeyOf(streamId);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await views.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken);
            var row = existing.HasValue ? existing.Value! : new TableEntity(key.PartitionKey, key.RowKey);
            var applied = await ApplyNewEventsAsync(row, projection, store, streamId, cancellationToken);
            if (applied == 0)
            {
                if (existing.HasValue)
                {
                    // A crash may have come between the row and its derived rows: finish those.
                    await WriteDerivedAsync(views, projection.Derive(row), cancellationToken);
                }

                return new ViewCatchUp(existing.HasValue ? row : null, 0, null);
            }

            row[ViewColumns.UpdatedAt] = time.GetUtcNow();
            try
            {
                await WriteAsync(views, row, existing.HasValue, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another invocation advanced the row: start over from what it wrote.
                continue;
            }

            await WriteDerivedAsync(views, projection.Derive(row), cancellationToken);
            return new ViewCatchUp(row, applied, row.GetDateTimeOffset(ViewColumns.LastEventAt));
        }
    }

    /// <summary>
    /// The fast path of <see cref="CatchUpAsync"/> when the caller already read the row (or found none)
    /// and the stream's events from at most its checkpoint on: no second read. A conflict falls back to
    /// <see cref="CatchUpAsync"/>.
    /// </summary>
    public async Task<ViewCatchUp> ApplyAsync(TableClient views, IViewProjection projection, TableEntity? existing, IReadOnlyList<RecordedEvent> events, TableEventStore store, string streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(events);
        var key = projection.KeyOf(streamId);
        var row = existing ?? new TableEntity(key.PartitionKey, key.RowKey);
        var checkpoint = ViewColumns.VersionOf(row);
        var applied = 0;
        foreach (var recorded in events.Where(e => e.Version > checkpoint))
        {
            projection.Apply(row, recorded);
            row[ViewColumns.Version] = recorded.Version;
            row[ViewColumns.LastEventAt] = recorded.Timestamp;
            applied++;
        }

        if (applied == 0)
        {
            // The events were read after the row: it is current. Only finish derived rows a crash may have missed.
            if (existing is not null)
            {
                await WriteDerivedAsync(views, projection.Derive(existing), cancellationToken);
            }

            return new ViewCatchUp(existing, 0, null);
        }

        row[ViewColumns.UpdatedAt] = time.GetUtcNow();
        try
        {
            await WriteAsync(views, row, existing is not null, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return await CatchUpAsync(views, projection, store, streamId, cancellationToken);
        }

        await WriteDerivedAsync(views, projection.Derive(row), cancellationToken);
        return new ViewCatchUp(row, applied, row.GetDateTimeOffset(ViewColumns.LastEventAt));
    }

    /// <summary>Applies the stream's events after the row's checkpoint; returns how many.</summary>
    public static async Task<int> ApplyNewEventsAsync(TableEntity row, IViewProjection projection, TableEventStore store, string streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(store);
        var applied = 0;
        await foreach (var recorded in store.ReadForwardAsync(streamId, ViewColumns.VersionOf(row) + 1, cancellationToken: cancellationToken))
        {
            projection.Apply(row, recorded);
            row[ViewColumns.Version] = recorded.Version;
            row[ViewColumns.LastEventAt] = recorded.Timestamp;
            applied++;
        }

        return applied;
    }

    /// <summary>Writes each derived row unless the stored one already has its version or a later one.</summary>
    public static async Task WriteDerivedAsync(TableClient views, IEnumerable<TableEntity> derived, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(derived);
        foreach (var row in derived)
        {
            for (var attempt = 1; ; attempt++)
            {
                var existing = await views.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
                if (existing.HasValue && ViewColumns.VersionOf(existing.Value!) >= ViewColumns.VersionOf(row))
                {
                    break;
                }

                try
                {
                    row.ETag = existing.HasValue ? existing.Value!.ETag : default;
                    await WriteAsync(views, row, existing.HasValue, cancellationToken);
                    break;
                }
                catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
                {
                    // A concurrent writer: compare versions again.
                }
            }
        }
    }

    private static async Task WriteAsync(TableClient views, TableEntity row, bool exists, CancellationToken cancellationToken)
    {
        if (exists)
        {
            await views.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            await views.AddEntityAsync(row, cancellationToken);
        }
    }
}
