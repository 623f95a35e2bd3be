using Azure;
using Azure.Data.Tables;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// What one catch-up of one view row did. <paramref name="Row"/> and <paramref name="Derived"/> are
/// as stored afterwards, with their ETags (null/empty when unknown), so the next pass of the same
/// stream can write them without reading them first.
/// </summary>
public sealed record ViewCatchUp(TableEntity? Row, int Applied, DateTimeOffset? LastEventAt, IReadOnlyList<TableEntity> Derived);

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
                // A crash may have come between the row and its derived rows: finish those.
                var finished = existing.HasValue ? await WriteDerivedAsync(views, projection.Derive(row), [], cancellationToken) : [];
                return new ViewCatchUp(existing.HasValue ? row : null, 0, null, finished);
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

            var derived = await WriteDerivedAsync(views, projection.Derive(row), [], cancellationToken);
            return new ViewCatchUp(row, applied, row.GetDateTimeOffset(ViewColumns.LastEventAt), derived);
        }
    }

    /// <summary>
    /// The fast path of <see cref="CatchUpAsync"/> when the caller already has the row (read, or as the
    /// last pass left it; null: none) and the stream's events from at most its checkpoint on: no
    /// second read. <paramref name="knownDerived"/> are derived rows as the last pass left them (their
    /// ETags save a read each). A conflict, or a remembered row that is gone, falls back to
    /// <see cref="CatchUpAsync"/>. The row passed in is changed in place.
    /// </summary>
    public async Task<ViewCatchUp> ApplyAsync(
        TableClient views,
        IViewProjection projection,
        TableEntity? existing,
        IReadOnlyList<TableEntity> knownDerived,
        IReadOnlyList<RecordedEvent> events,
        TableEventStore store,
        string streamId,
        CancellationToken cancellationToken)
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
            var finished = existing is null ? [] : await WriteDerivedAsync(views, projection.Derive(existing), knownDerived, cancellationToken);
            return new ViewCatchUp(existing, 0, null, finished);
        }

        row[ViewColumns.UpdatedAt] = time.GetUtcNow();
        try
        {
            await WriteAsync(views, row, existing is not null, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return await CatchUpAsync(views, projection, store, streamId, cancellationToken);
        }

        // A row that did not exist has no derived rows yet either (they are written after it): insert them unread.
        var derived = await WriteDerivedAsync(views, projection.Derive(row), knownDerived, cancellationToken, assumeNew: existing is null);
        return new ViewCatchUp(row, applied, row.GetDateTimeOffset(ViewColumns.LastEventAt), derived);
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

    /// <summary>
    /// Writes each derived row unless the stored one already has its version or a later one, and
    /// returns them as stored (with ETags). A row in <paramref name="known"/> (as a previous pass left
    /// it) is written with its ETag without a read, and with <paramref name="assumeNew"/> an unknown
    /// row is inserted without a read; if the guess was wrong, the row is read and compared.
    /// </summary>
    public static async Task<IReadOnlyList<TableEntity>> WriteDerivedAsync(
        TableClient views, IEnumerable<TableEntity> derived, IReadOnlyList<TableEntity> known, CancellationToken cancellationToken, bool assumeNew = false)
    {
        ArgumentNullException.ThrowIfNull(derived);
        ArgumentNullException.ThrowIfNull(known);
        var stored = new List<TableEntity>();
        foreach (var row in derived)
        {
            var last = known.FirstOrDefault(k => k.PartitionKey == row.PartitionKey && k.RowKey == row.RowKey && k.ETag != default);
            stored.Add(last is not null ? await WriteOverAsync(views, row, last, cancellationToken)
                : assumeNew ? await InsertAsync(views, row, cancellationToken)
                : await CompareAndWriteAsync(views, row, cancellationToken));
        }

        return stored;
    }

    private static async Task<TableEntity> InsertAsync(TableClient views, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(views, row, exists: false, cancellationToken);
            return row;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await CompareAndWriteAsync(views, row, cancellationToken);
        }
    }

    private static async Task<TableEntity> WriteOverAsync(TableClient views, TableEntity row, TableEntity last, CancellationToken cancellationToken)
    {
        if (ViewColumns.VersionOf(last) >= ViewColumns.VersionOf(row))
        {
            return last;
        }

        try
        {
            row.ETag = last.ETag;
            await WriteAsync(views, row, exists: true, cancellationToken);
            return row;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return await CompareAndWriteAsync(views, row, cancellationToken);
        }
    }

    private static async Task<TableEntity> CompareAndWriteAsync(TableClient views, TableEntity row, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await views.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            if (existing.HasValue && ViewColumns.VersionOf(existing.Value!) >= ViewColumns.VersionOf(row))
            {
                return existing.Value!;
            }

            try
            {
                row.ETag = existing.HasValue ? existing.Value!.ETag : default;
                await WriteAsync(views, row, existing.HasValue, cancellationToken);
                return row;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // A concurrent writer: compare versions again.
            }
        }
    }

    /// <summary>Writes the row (If-Match its ETag, or insert) and keeps the new ETag on it.</summary>
    private static async Task WriteAsync(TableClient views, TableEntity row, bool exists, CancellationToken cancellationToken)
    {
        var response = exists
            ? await views.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken)
            : await views.AddEntityAsync(row, cancellationToken);
        row.ETag = response.Headers.ETag ?? default;
    }
}
