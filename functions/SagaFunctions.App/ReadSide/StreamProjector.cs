using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SagaFunctions.App.Integration;
using SagaFunctions.EventStore;
using SagaFunctions.App.Platform.Shortcuts;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// The projection pipeline for one stream, shared by the queue trigger and the sweep:
/// get the view rows of every live generation and the publish checkpoint; read the stream once
/// from the lowest checkpoint; write each view row (ETag) and publish the new integration events;
/// only then record each target's publish checkpoint and clear the marker (the marker stays,
/// harmlessly, when a newer append replaced it: that append is projected by its own notification or
/// the sweep; and when a target failed: the retry sends it what it missed). Every step is idempotent, so a retry, a duplicate or an
/// out-of-order notification changes nothing.
/// Passes of one stream take turns in this process, and each remembers what it left (rows and
/// checkpoint with their ETags, see <see cref="StreamProgress"/>): the next pass of that stream
/// writes over them without reading them, and a notification of a version already projected
/// costs no read at all. The ETags keep this honest across processes: a row another process
/// changed makes the write fail, and that pass reads everything fresh.
/// </summary>
public sealed partial class StreamProjector(
    SagaStorage storage,
    EventStores stores,
    ProjectionCatalog catalog,
    ReadModelGenerations generations,
    ViewTables viewTables,
    CheckpointedViewWriter writer,
    IntegrationEventRelay relay,
    RecentAppends recent,
    ProjectionLagMonitor lag,
    InProcessShortcuts shortcuts,
    TimeProvider time,
    ILogger<StreamProjector> logger)
{
    // Apart from the writers' locks: a projection's turn never holds up an append.
    private readonly KeyedTurns _turns = new(shortcuts);
    private readonly BoundedCache<StreamProgress> _progress = new(20_000, shortcuts);

    /// <summary>
    /// The pass a notification asks for: projects the stream up to at least the notified version,
    /// unless an earlier pass in this process already did; then clears the append's marker (when
    /// the notification carries its token).
    /// </summary>
    public async Task ProjectNotifiedAsync(AppendNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var marker = notification.MarkerToken is { } token ? new ProjectionMarker(notification.StreamId, notification.Version, default, token) : null;
        var key = Key(notification.Table, notification.StreamId);
        using var turn = await _turns.AcquireAsync(key, cancellationToken);
        var pointer = await generations.GetCachedAsync(cancellationToken);
        var progress = _progress.TryGet(key, out var known) && known.Generations == Live(pointer) ? known
            : notification.FirstVersion == 1 && shortcuts.Enabled ? await NewStreamProgressAsync(notification.Table, notification.StreamId, pointer)
            : null;
        if (progress is not null && progress.Version >= notification.Version)
        {
            await ClearMarkerAsync(stores.ByTable(notification.Table), marker, progress.Version, cancellationToken);
            return;
        }

        await PassAsync(key, notification.Table, notification.StreamId, marker, progress, notification.Version, pointer, cancellationToken);
    }

    /// <summary>
    /// One pass that reads everything fresh and clears the marker: the one the sweep listed, else the
    /// one found here (tests).
    /// </summary>
    /// <param name="eventTable">The event table as named in the notification (with the table prefix).</param>
    /// <param name="marker">The marker to clear when the caller already has it; else it is read here.</param>
    /// <returns>The version up to which the views and the publish checkpoint are now done.</returns>
    public async Task<long> ProjectAsync(string eventTable, string streamId, ProjectionMarker? marker, CancellationToken cancellationToken)
    {
        var key = Key(eventTable, streamId);
        using var turn = await _turns.AcquireAsync(key, cancellationToken);
        return await PassAsync(key, eventTable, streamId, marker, null, null, await generations.GetCachedAsync(cancellationToken), cancellationToken);
    }

    private static string Key(string eventTable, string streamId) => eventTable + "/" + streamId;

    /// <summary>The generations a pass writes into, as remembered progress is labelled with them.</summary>
    private static string Live(GenerationPointer pointer) => string.Join(',', pointer.Targets);

    /// <param name="wanted">The version the pass must reach (a notification's); null: the stream's head, read from the store.</param>
    private async Task<long> PassAsync(
        string key, string eventTable, string streamId, ProjectionMarker? marker, StreamProgress? progress, long? wanted, GenerationPointer pointer, CancellationToken cancellationToken)
    {
        // What the last pass left is used once: a pass that fails must not leave half-changed rows behind.
        _progress.Forget(key);
        var store = stores.ByTable(eventTable);
        await stores.EnsureCreatedAsync();
        var markerRead = marker is null ? store.GetMarkerAsync(streamId, cancellationToken) : Task.FromResult<ProjectionMarker?>(marker);
        var targets = progress?.Targets ?? await LoadTargetsAsync(store, streamId, pointer, cancellationToken);
        var checkpoints = progress?.Checkpoints ?? await relay.ReadCheckpointsAsync(store, streamId, cancellationToken);
        marker = await markerRead;

        var from = StreamProgress.Reached(targets, checkpoints);
        var events = wanted is { } through && recent.TryGetFrom(eventTable, streamId, from + 1, through, out var appended)
            ? appended
            : await ReadFromAsync(store, streamId, from + 1, cancellationToken);

        var applied = Task.WhenAll(targets.Select(t => ApplyAsync(t, events, store, streamId, cancellationToken)));
        var published = relay.PublishAsync(store, checkpoints, events, cancellationToken);
        var left = new StreamProgress(Live(pointer), await applied, await published);

        // The views are written and every target has the events (a failed one threw above, leaving the marker).
        await ClearMarkerAsync(store, marker, left.Version, cancellationToken);
        if (left.Targets.All(t => t.Row is null || t.Row.ETag != default))
        {
            _progress.Set(key, left);
        }

        return left.Version;
    }

    /// <summary>
    /// Clears the marker once the stream is projected through exactly its version. Further: a newer
    /// append has replaced it (the delete would fail), and that append's own pass clears it, which on
    /// a hot stream saves a failing delete per notification. Short of it: the append it announced has
    /// not committed yet (or never will: the sweep drops such markers once they are old).
    /// </summary>
    private static async Task ClearMarkerAsync(TableEventStore store, ProjectionMarker? marker, long projectedThrough, CancellationToken cancellationToken)
    {
        if (MarkerToClear(marker, projectedThrough) is { } clear)
        {
            await store.ClearMarkerAsync(clear.StreamId, clear, cancellationToken);
        }
    }

    private static ProjectionMarker? MarkerToClear(ProjectionMarker? marker, long projectedThrough) =>
        marker is not null && projectedThrough == marker.Version ? marker : null;

    private static async Task<IReadOnlyList<RecordedEvent>> ReadFromAsync(TableEventStore store, string streamId, long fromVersion, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        await foreach (var recorded in store.ReadForwardAsync(streamId, fromVersion, cancellationToken: cancellationToken))
        {
            events.Add(recorded);
        }

        return events;
    }

    /// <summary>
    /// A stream its notification says was just started: no view row, derived row or publish checkpoint
    /// yet, assumed without reads. The inserts find out if the guess was wrong (another pass got there
    /// first) and fall back to reading.
    /// </summary>
    private async Task<StreamProgress> NewStreamProgressAsync(string eventTable, string streamId, GenerationPointer pointer)
    {
        var store = stores.ByTable(eventTable);
        var targets = await Task.WhenAll(TargetsOf(store, streamId, pointer, async (projection, generation) =>
            new ProjectionTarget(projection, generation, await viewTables.GetAsync(projection.ViewTable, generation), null, [])));
        return new StreamProgress(Live(pointer), targets, relay.NoneYet(streamId));
    }

    private async Task<ProjectionTarget[]> LoadTargetsAsync(TableEventStore store, string streamId, GenerationPointer pointer, CancellationToken cancellationToken) =>
        await Task.WhenAll(TargetsOf(store, streamId, pointer, (projection, generation) => LoadTargetAsync(projection, generation, streamId, cancellationToken)));

    /// <summary>One target per projection the stream feeds and per live generation.</summary>
    private IEnumerable<T> TargetsOf<T>(TableEventStore store, string streamId, GenerationPointer pointer, Func<IViewProjection, int, T> target)
    {
        var unprefixed = store.TableName[storage.TablePrefix.Length..];
        return catalog.For(unprefixed, streamId).SelectMany(projection => pointer.Targets.Select(generation => target(projection, generation)));
    }

    private async Task<ProjectionTarget> LoadTargetAsync(IViewProjection projection, int generation, string streamId, CancellationToken cancellationToken)
    {
        var views = await viewTables.GetAsync(projection.ViewTable, generation);
        var key = projection.KeyOf(streamId);
        var row = await views.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken);
        return new ProjectionTarget(projection, generation, views, row.HasValue ? row.Value : null, []);
    }

    private async Task<ProjectionTarget> ApplyAsync(ProjectionTarget target, IReadOnlyList<RecordedEvent> events, TableEventStore store, string streamId, CancellationToken cancellationToken)
    {
        var result = await writer.ApplyAsync(target.Views, target.Projection, target.Row, target.Derived, events, store, streamId, cancellationToken);
        if (result is { Applied: > 0, LastEventAt: { } lastEventAt, Row: { } row })
        {
            var behind = lag.Record(target.Projection.Name, lastEventAt, result.Applied, time.GetUtcNow());
            var version = ViewColumns.VersionOf(row);
            LogProjected(logger, streamId, version, target.Projection.Name, target.Generation, behind.TotalMilliseconds);
        }

        return target with { Row = result.Row, Derived = result.Derived };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Projected {StreamId}@{Version} into {Projection} (generation {Generation}); lag {LagMs:0} ms")]
    private static partial void LogProjected(ILogger logger, string streamId, long version, string projection, int generation, double lagMs);
}
