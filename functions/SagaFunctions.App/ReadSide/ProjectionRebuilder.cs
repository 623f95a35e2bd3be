using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.ReadSide;

/// <summary>What a rebuild did (this run and the runs it resumed).</summary>
public sealed record RebuildOutcome(int Generation, int Streams, long Events, int CaughtUp, TimeSpan Elapsed, bool Switched);

/// <summary>
/// Rebuilds every read model from the streams into a new generation of the views tables, online:
/// <list type="number">
/// <item>mark generation N+1 as building: from then on the live projection writes it too;</item>
/// <item>fold every stream into a fresh row (with the same folds and view store as the live
/// projection) and write the rows in 100-row batches per partition
/// (blind upserts: a row the live projection wrote meanwhile may go back, step 3 repairs it), in
/// slices: after each, the progress is saved, so a rebuild stopped part-way (a function timeout, a
/// crash) resumes there on its message's retry instead of starting over;</item>
/// <item>once every cached pointer names N+1 (twice its lifetime after the rebuild began), compare
/// every stream's head with its row in N+1 and catch up, row by row with checkpoints, every stream
/// whose row is missing or behind;</item>
/// <item>switch the pointer: queries read N+1 from the next request on. Until then they read N, whole.</item>
/// </list>
/// </summary>
public sealed partial class ProjectionRebuilder(
    SagaStorage storage,
    EventStores stores,
    ProjectionCatalog catalog,
    ReadModelGenerations generations,
    RebuildProgressRows progressRows,
    ViewStore views,
    CatchUpProjector catchUp,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<ProjectionRebuilder> logger)
{
    private const int ReadParallelism = 16;

    /// <summary>Events folded between two saves of the progress (<c>Projections:RebuildSliceEvents</c>).</summary>
    private int SliceEvents => Math.Max(1, configuration.GetValue("Projections:RebuildSliceEvents", 20_000));

    public async Task<RebuildOutcome> RebuildAsync(int generation, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var pointer = await generations.GetAsync(cancellationToken);
        if (pointer.Building != generation)
        {
            // Already switched (a duplicate message) or superseded: nothing to do.
            return new RebuildOutcome(generation, 0, 0, 0, clock.Elapsed, pointer.Current == generation);
        }

        await stores.EnsureCreatedAsync();
        var progress = await progressRows.ReadAsync(generation, time.GetUtcNow(), cancellationToken);
        while (!progress.Folded(catalog.All.Count))
        {
            progress = await FoldSliceAsync(progress, cancellationToken);
            await progressRows.SaveAsync(progress, cancellationToken);
        }

        // A live pass whose cached pointer predates the building generation projects into the current
        // one only; twice the cache lifetime after the rebuild began none is left, and everything
        // appended from then on reaches N+1 through the live passes.
        var renewed = progress.StartedAt + (ReadModelGenerations.CacheTtl * 2) - time.GetUtcNow();
        if (renewed > TimeSpan.Zero)
        {
            await Task.Delay(renewed, time, cancellationToken);
        }

        var caughtUp = 0;
        foreach (var projection in catalog.All)
        {
            caughtUp += await CatchUpAsync(projection, generation, cancellationToken);
        }

        var switched = await generations.SwitchToAsync(generation, cancellationToken);
        await progressRows.ForgetAsync(generation, cancellationToken);
        var outcome = new RebuildOutcome(generation, progress.Streams, progress.Events, caughtUp, clock.Elapsed, switched);
        LogRebuilt(logger, generation, progress.Streams, progress.Events, caughtUp, clock.Elapsed.TotalSeconds, switched);
        return outcome;
    }

    /// <summary>
    /// Folds the streams of the projection in progress from where it stopped, until about
    /// <see cref="SliceEvents"/> events are done at a stream boundary, and writes their rows; the
    /// progress returned resumes after them (or with the next projection).
    /// </summary>
    private async Task<RebuildProgress> FoldSliceAsync(RebuildProgress progress, CancellationToken cancellationToken)
    {
        var projection = catalog.All[progress.Projection];
        var store = stores.ByTable(storage.TablePrefix + projection.EventTable);
        var rows = new Dictionary<string, ViewRow>(StringComparer.Ordinal);
        var events = 0L;
        string? resumeFrom = null;
        await foreach (var recorded in store.ReadAllAsync(progress.ResumeFrom, cancellationToken))
        {
            if (!projection.IsFedBy(recorded.StreamId))
            {
                continue;
            }

            var row = rows.GetValueOrDefault(recorded.StreamId);
            if (row is null && events >= SliceEvents)
            {
                // A new stream past the slice: the streams before it are whole; stop here.
                resumeFrom = recorded.StreamId;
                break;
            }

            rows[recorded.StreamId] = projection.Fold(row, [recorded]);
            events++;
        }

        await views.UpsertAllAsync(projection.ViewTable, progress.Generation, rows.Values.SelectMany(r => projection.Derive(r).Prepend(r)), cancellationToken);
        return resumeFrom is null
            ? progress with { Projection = progress.Projection + 1, ResumeFrom = null, Streams = progress.Streams + rows.Count, Events = progress.Events + events }
            : progress with { ResumeFrom = resumeFrom, Streams = progress.Streams + rows.Count, Events = progress.Events + events };
    }

    /// <summary>Every stream whose row in the new generation is missing or behind its head is caught up; returns how many.</summary>
    private async Task<int> CatchUpAsync(IViewProjection projection, int generation, CancellationToken cancellationToken)
    {
        var built = await views.ReadVersionsAsync(projection.ViewTable, generation, cancellationToken);
        var store = stores.ByTable(storage.TablePrefix + projection.EventTable);
        var behind = new List<string>();
        await foreach (var (streamId, version) in store.ListStreamsAsync(cancellationToken))
        {
            if (!projection.IsFedBy(streamId))
            {
                continue;
            }

            if (!built.TryGetValue(projection.KeyOf(streamId), out var rowVersion) || rowVersion < version)
            {
                behind.Add(streamId);
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(behind, options, async (streamId, ct) => await catchUp.CatchUpAsync(projection, generation, store, streamId, ct));
        return behind.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt generation {Generation}: {Streams} streams, {Events} events, {CaughtUp} caught up after, in {Seconds:0.0} s; switched: {Switched}")]
    private static partial void LogRebuilt(ILogger logger, int generation, int streams, long events, int caughtUp, double seconds, bool switched);
}
