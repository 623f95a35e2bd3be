using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.App.Integration;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Projections;

/// <summary>
/// The projection pipeline for one stream, shared by the queue trigger and the sweep:
/// read the marker, the view rows of every live generation and the publish checkpoint; read the
/// stream once from the lowest checkpoint; write each view row (ETag) and publish the new integration
/// events; only then clear the marker read at the start (which fails, harmlessly, when a newer append
/// replaced it: that append is projected by its own notification or the sweep). Every step is
/// idempotent, so a retry, a duplicate or an out-of-order notification changes nothing.
/// Projections of one stream take turns in this process, and a notification of a version an
/// earlier turn already projected (into the same generations) is done without a read: a hot
/// stream's many notifications cost one pass, and its integration events go out once, not once
/// per concurrent pass.
/// </summary>
public sealed partial class StreamProjector(
    SagaStorage storage,
    EventStores stores,
    ProjectionCatalog catalog,
    ReadModelGenerations generations,
    ViewTables viewTables,
    CheckpointedViewWriter writer,
    IntegrationEventRelay relay,
    ProjectionLagMonitor lag,
    TimeProvider time,
    ILogger<StreamProjector> logger)
{
    // Apart from the writers' locks: a projection's turn never holds up an append.
    private readonly StreamLocks _turns = new();
    private readonly BoundedCache<(long Version, string Generations)> _projected = new(50_000);

    /// <summary>
    /// Projects the stream up to at least <paramref name="version"/>, unless an earlier turn in this
    /// process already did. The sweep passes the marker it listed (its version is the one wanted).
    /// </summary>
    public async Task ProjectInTurnAsync(string eventTable, string streamId, long version, ProjectionMarker? marker, CancellationToken cancellationToken)
    {
        var key = eventTable + "/" + streamId;
        using var turn = await _turns.AcquireAsync(key, cancellationToken);
        var live = string.Join(',', (await generations.GetCachedAsync(cancellationToken)).Targets);
        if (marker is null && _projected.TryGet(key, out var done) && done.Version >= version && done.Generations == live)
        {
            return;
        }

        var projectedTo = await ProjectAsync(eventTable, streamId, marker, cancellationToken);
        _projected.Set(key, (projectedTo, live));
    }

    /// <param name="eventTable">The event table as named in the notification (with the table prefix).</param>
    /// <param name="marker">The marker when the caller already read it (the sweep); else it is read here.</param>
    /// <returns>The version up to which the views and the publish checkpoint are now done.</returns>
    public async Task<long> ProjectAsync(string eventTable, string streamId, ProjectionMarker? marker, CancellationToken cancellationToken)
    {
        var store = stores.ByTable(eventTable);
        await stores.EnsureCreatedAsync();
        var markerRead = marker is null ? StreamRows.ReadMarkerAsync(storage.Tables.GetTableClient(store.TableName), streamId, cancellationToken) : Task.FromResult<ProjectionMarker?>(marker);
        var pointer = await generations.GetCachedAsync(cancellationToken);
        var unprefixed = store.TableName[storage.TablePrefix.Length..];

        var targets = await Task.WhenAll(catalog.For(unprefixed, streamId)
            .SelectMany(projection => pointer.Targets.Select(generation => LoadTargetAsync(projection, generation, streamId, cancellationToken))));
        var checkpoint = await relay.ReadCheckpointAsync(store, streamId, cancellationToken);
        marker = await markerRead;

        var from = targets.Select(t => t.Row is null ? 0 : ViewColumns.VersionOf(t.Row)).Append(checkpoint.Version).Min();
        var events = new List<RecordedEvent>();
        await foreach (var recorded in store.ReadForwardAsync(streamId, from + 1, cancellationToken: cancellationToken))
        {
            events.Add(recorded);
        }

        await Task.WhenAll(targets.Select(t => ApplyAsync(t, events, store, streamId, cancellationToken))
            .Append(relay.PublishAsync(checkpoint, events, cancellationToken)));

        if (marker is not null)
        {
            await store.ClearMarkerAsync(streamId, marker, cancellationToken);
        }

        return events.Count > 0 ? Math.Max(from, events[^1].Version) : from;
    }

    private async Task<Target> LoadTargetAsync(IViewProjection projection, int generation, string streamId, CancellationToken cancellationToken)
    {
        var views = await viewTables.GetAsync(projection.ViewTable, generation);
        var key = projection.KeyOf(streamId);
        var row = await views.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken);
        return new Target(projection, generation, views, row.HasValue ? row.Value : null);
    }

    private async Task ApplyAsync(Target target, IReadOnlyList<RecordedEvent> events, TableEventStore store, string streamId, CancellationToken cancellationToken)
    {
        var result = await writer.ApplyAsync(target.Views, target.Projection, target.Row, events, store, streamId, cancellationToken);
        if (result is { Applied: > 0, LastEventAt: { } lastEventAt, Row: { } row })
        {
            var behind = lag.Record(target.Projection.Name, lastEventAt, result.Applied, time.GetUtcNow());
            var version = ViewColumns.VersionOf(row);
            LogProjected(logger, streamId, version, target.Projection.Name, target.Generation, behind.TotalMilliseconds);
        }
    }

    private sealed record Target(IViewProjection Projection, int Generation, TableClient Views, TableEntity? Row);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projected {StreamId}@{Version} into {Projection} (generation {Generation}); lag {LagMs:0} ms")]
    private static partial void LogProjected(ILogger logger, string streamId, long version, string projection, int generation, double lagMs);
}
