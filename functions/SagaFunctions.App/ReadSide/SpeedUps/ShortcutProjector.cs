using Azure;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Platform.Shortcuts;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.ReadSide.SpeedUps;

/// <summary>
/// The plain catch-up (<see cref="CatchUpProjector"/>) with this process's shortcuts, used while
/// InProcessShortcuts:Enabled is on (the default). Passes of one stream take turns here and each
/// remembers what it left (rows and publish checkpoints with their ETags: <see cref="StreamProgress"/>),
/// so the next pass writes over them without reading them, and a notification of a version already
/// projected costs no read at all; the notification of a stream's first append assumes there is
/// nothing yet; one read from the lowest checkpoint serves every row and the relay, and no read is
/// needed for events this process appended (<see cref="RecentAppends"/>). Each is a guess storage
/// checks: a write whose ETag no longer matches (another process moved the row), an insert of a row
/// that exists or a write over one that is gone hands that row to the plain catch-up, which reads it fresh.
/// </summary>
public sealed class ShortcutProjector(
    CatchUpProjector plain,
    EventStores stores,
    ProjectionCatalog catalog,
    ReadModelGenerations generations,
    ViewStore views,
    IntegrationEventRelay relay,
    RecentAppends recent,
    ProjectionLagMonitor lag,
    InProcessShortcuts shortcuts) : IStreamProjector
{
    // Apart from the writers' turns: a projection's turn never holds up an append.
    private readonly KeyedTurns _turns = new(shortcuts);
    private readonly BoundedCache<StreamProgress> _progress = new(20_000, shortcuts);

    public async Task ProjectNotifiedAsync(AppendNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var key = Key(notification.Table, notification.StreamId);
        using var turn = await _turns.AcquireAsync(key, cancellationToken);
        var pointer = await generations.GetCachedAsync(cancellationToken);
        var progress = _progress.TryGet(key, out var known) && known.Generations == Live(pointer) ? known
            : notification.FirstVersion == 1 ? NewStream(notification.Table, notification.StreamId, pointer)
            : null;
        if (progress is not null && progress.Version >= notification.Version)
        {
            await CatchUpProjector.ClearMarkerAsync(stores.ByTable(notification.Table), notification.AppendMarker(), progress.Version, cancellationToken);
            return;
        }

        await PassAsync(key, notification, progress, pointer, cancellationToken);
    }

    /// <summary>The sweep's pass: the plain one, in the stream's turn; what this process remembered of the stream is dropped.</summary>
    public async Task<long> ProjectAsync(string eventTable, string streamId, ProjectionMarker? marker, CancellationToken cancellationToken)
    {
        var key = Key(eventTable, streamId);
        using var turn = await _turns.AcquireAsync(key, cancellationToken);
        _progress.Forget(key);
        return await plain.ProjectAsync(eventTable, streamId, marker, cancellationToken);
    }

    private static string Key(string eventTable, string streamId) => eventTable + "/" + streamId;

    /// <summary>The generations a pass writes into, as remembered progress is labelled with them.</summary>
    private static string Live(GenerationPointer pointer) => string.Join(',', pointer.Targets);

    private async Task PassAsync(string key, AppendNotification notification, StreamProgress? progress, GenerationPointer pointer, CancellationToken cancellationToken)
    {
        // What the last pass left is used once: a pass that fails leaves nothing to trust.
        _progress.Forget(key);
        var streamId = notification.StreamId;
        var store = stores.ByTable(notification.Table);
        await stores.EnsureCreatedAsync();
        var markerRead = notification.AppendMarker() is { } known ? Task.FromResult<ProjectionMarker?>(known) : store.GetMarkerAsync(streamId, cancellationToken);
        var targets = progress?.Targets ?? await LoadTargetsAsync(notification.Table, streamId, pointer, cancellationToken);
        var checkpoints = progress?.Checkpoints ?? await relay.ReadCheckpointsAsync(store, streamId, cancellationToken);
        var marker = await markerRead;

        // One read serves every row and the relay (from the lowest checkpoint on), and none the events this process appended.
        var from = StreamProgress.Reached(targets, checkpoints) + 1;
        var events = recent.TryGetFrom(notification.Table, streamId, from, notification.Version, out var appended)
            ? appended
            : await store.ReadForwardAsync(streamId, from, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var applied = Task.WhenAll(targets.Select(t => ApplyAsync(t, events, store, streamId, cancellationToken)));
        var published = relay.PublishAsync(store, checkpoints, events, cancellationToken);
        var left = new StreamProgress(Live(pointer), await applied, await published);

        // The views are written and every target has the events (a failed one threw above, leaving the marker).
        await CatchUpProjector.ClearMarkerAsync(store, marker, left.Version, cancellationToken);
        _progress.Set(key, left);
    }

    private async Task<ProjectionTarget> ApplyAsync(ProjectionTarget target, IReadOnlyList<RecordedEvent> events, TableEventStore store, string streamId, CancellationToken cancellationToken)
    {
        var fresh = events.Where(e => e.Version > target.Version).ToList();
        if (fresh.Count == 0)
        {
            // The events were read after the row: it is current. Only finish derived rows a crash may have missed.
            return target.Row is null ? target : target with { Derived = await WriteDerivedAsync(target, target.Row, rowIsNew: false, cancellationToken) };
        }

        ViewRow row;
        try
        {
            row = await views.WriteAsync(target.Projection.ViewTable, target.Generation, target.Projection.Fold(target.Row, fresh), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // Another process moved the row (or it is gone): the plain catch-up reads it fresh.
            return target with { Row = await plain.CatchUpAsync(target.Projection, target.Generation, store, streamId, cancellationToken), Derived = [] };
        }

        lag.Record(target.Projection.Name, target.Generation, streamId, row, fresh.Count);
        return target with { Row = row, Derived = await WriteDerivedAsync(target, row, rowIsNew: target.Row is null, cancellationToken) };
    }

    /// <summary>
    /// Writes each derived row unless the one remembered has its version already: over the remembered
    /// one (its ETag) without a read; under a row just inserted, inserted unread (derived rows are
    /// written after their row, so there is none yet); else the plain way, read and compared.
    /// </summary>
    private async Task<IReadOnlyList<ViewRow>> WriteDerivedAsync(ProjectionTarget target, ViewRow row, bool rowIsNew, CancellationToken cancellationToken)
    {
        var stored = new List<ViewRow>();
        foreach (var derived in target.Projection.Derive(row))
        {
            var last = target.Derived.FirstOrDefault(d => d.Key == derived.Key);
            stored.Add(last is not null && last.Version >= derived.Version ? last
                : last is not null || rowIsNew ? await GuessedWriteAsync(target, derived with { ETag = last?.ETag ?? default }, cancellationToken)
                : await plain.WriteUnlessBehindAsync(target.Projection.ViewTable, target.Generation, derived, cancellationToken));
        }

        return stored;
    }

    private async Task<ViewRow> GuessedWriteAsync(ProjectionTarget target, ViewRow row, CancellationToken cancellationToken)
    {
        try
        {
            return await views.WriteAsync(target.Projection.ViewTable, target.Generation, row, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return await plain.WriteUnlessBehindAsync(target.Projection.ViewTable, target.Generation, row, cancellationToken);
        }
    }

    private async Task<ProjectionTarget[]> LoadTargetsAsync(string eventTable, string streamId, GenerationPointer pointer, CancellationToken cancellationToken) =>
        await Task.WhenAll(TargetsOf(eventTable, streamId, pointer).Select(async t =>
            t with { Row = await views.ReadAsync(t.Projection.ViewTable, t.Generation, t.Projection.KeyOf(streamId), t.Projection.ViewType, cancellationToken) }));

    /// <summary>
    /// A stream its notification says was just started: no view row, derived row or publish checkpoint
    /// yet, assumed without reads. The inserts find out if the guess was wrong (another pass got there
    /// first) and fall back to reading.
    /// </summary>
    private StreamProgress NewStream(string eventTable, string streamId, GenerationPointer pointer) =>
        new(Live(pointer), [.. TargetsOf(eventTable, streamId, pointer)], relay.NoneYet(streamId));

    /// <summary>One target per projection the stream feeds and per live generation, none of them read yet.</summary>
    private IEnumerable<ProjectionTarget> TargetsOf(string eventTable, string streamId, GenerationPointer pointer) =>
        catalog.For(eventTable, streamId).SelectMany(projection => pointer.Targets.Select(generation => new ProjectionTarget(projection, generation, null, [])));
}
