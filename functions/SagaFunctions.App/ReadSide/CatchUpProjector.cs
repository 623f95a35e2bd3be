using Azure;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// The projection of one stream, the plain way; every guarantee of the read side holds with it alone.
/// For each projection the stream feeds and each live generation: read the view row (with its ETag),
/// read the events after its checkpoint, fold them, write the row If-Match that ETag (insert if there
/// was none); a 409/412 means another pass wrote it meanwhile: start over from what it wrote. Derived
/// rows are written unless the stored one has the same or a later version. Then the integration relay
/// publishes from its own checkpoints, and the append's marker is cleared once the stream is
/// projected through exactly its version. Every step is idempotent, so a retry, a duplicate or an
/// out-of-order notification ends in the same rows.
/// </summary>
public sealed class CatchUpProjector(
    EventStores stores,
    ProjectionCatalog catalog,
    ReadModelGenerations generations,
    ViewStore views,
    IntegrationEventRelay relay,
    ProjectionLagMonitor lag) : IStreamProjector
{
    private const int MaxAttempts = 20;

    public Task ProjectNotifiedAsync(AppendNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return ProjectAsync(notification.Table, notification.StreamId, notification.AppendMarker(), cancellationToken);
    }

    public async Task<long> ProjectAsync(string eventTable, string streamId, ProjectionMarker? marker, CancellationToken cancellationToken)
    {
        var store = stores.ByTable(eventTable);
        await stores.EnsureCreatedAsync();
        marker ??= await store.GetMarkerAsync(streamId, cancellationToken);
        var live = (await generations.GetCachedAsync(cancellationToken)).Targets;
        var reached = new List<long>();
        foreach (var projection in catalog.For(eventTable, streamId))
        {
            foreach (var generation in live)
            {
                reached.Add((await CatchUpAsync(projection, generation, store, streamId, cancellationToken))?.Version ?? 0);
            }
        }

        var checkpoints = await relay.ReadCheckpointsAsync(store, streamId, cancellationToken);
        var unpublished = await store.ReadForwardAsync(streamId, checkpoints.Select(c => c.Version).DefaultIfEmpty(0).Min() + 1, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        reached.AddRange((await relay.PublishAsync(store, checkpoints, unpublished, cancellationToken)).Select(c => c.Version));

        var through = reached.DefaultIfEmpty(0).Min();
        await ClearMarkerAsync(store, marker, through, cancellationToken);
        return through;
    }

    /// <summary>Brings one view row, and its derived rows, up to the stream's head; returns it as stored (null: the stream has no events yet).</summary>
    public async Task<ViewRow?> CatchUpAsync(IViewProjection projection, int generation, TableEventStore store, string streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(store);
        for (var attempt = 1; ; attempt++)
        {
            var row = await views.ReadAsync(projection.ViewTable, generation, projection.KeyOf(streamId), projection.ViewType, cancellationToken);
            var events = await store.ReadForwardAsync(streamId, (row?.Version ?? 0) + 1, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
            if (events.Count == 0)
            {
                // Current; but a crash may have come between the row and its derived rows: finish those.
                return row is null ? null : await WriteDerivedAsync(projection, generation, row, cancellationToken);
            }

            try
            {
                row = await views.WriteAsync(projection.ViewTable, generation, projection.Fold(row, events), cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another pass wrote the row meanwhile: start over from what it wrote.
                continue;
            }

            lag.Record(projection.Name, generation, streamId, row, events.Count);
            return await WriteDerivedAsync(projection, generation, row, cancellationToken);
        }
    }

    /// <summary>Writes the row unless the stored one has its version or a later one; returns what is stored.</summary>
    public async Task<ViewRow> WriteUnlessBehindAsync(string viewTable, int generation, ViewRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await views.ReadAsync(viewTable, generation, row.Key, row.View.GetType(), cancellationToken);
            if (stored is not null && stored.Version >= row.Version)
            {
                return stored;
            }

            try
            {
                return await views.WriteAsync(viewTable, generation, row with { ETag = stored?.ETag ?? default }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // A concurrent writer: compare versions again.
            }
        }
    }

    /// <summary>
    /// Clears the marker once the stream is projected through exactly its version. Further: a newer
    /// append has replaced it (the delete would fail), and that append's own pass clears it. Short of
    /// it: the append it announced has not committed yet (or never will: the sweep drops such markers
    /// once they are old).
    /// </summary>
    public static async Task ClearMarkerAsync(TableEventStore store, ProjectionMarker? marker, long projectedThrough, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (marker is not null && projectedThrough == marker.Version)
        {
            await store.ClearMarkerAsync(marker.StreamId, marker, cancellationToken);
        }
    }

    private async Task<ViewRow> WriteDerivedAsync(IViewProjection projection, int generation, ViewRow row, CancellationToken cancellationToken)
    {
        foreach (var derived in projection.Derive(row))
        {
            await WriteUnlessBehindAsync(projection.ViewTable, generation, derived, cancellationToken);
        }

        return row;
    }
}
