using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Projections;

/// <summary>What a rebuild did.</summary>
public sealed record RebuildOutcome(int Generation, int Streams, long Events, int CaughtUp, TimeSpan Elapsed, bool Switched);

/// <summary>
/// Rebuilds every read model from the streams into a new generation of the views tables, online:
/// <list type="number">
/// <item>mark generation N+1 as building: from then on the live projection writes it too;</item>
/// <item>fold every stream into a fresh row and write the rows in 100-row batches per partition
/// (blind upserts: a row the live projection wrote meanwhile may go back, step 3 repairs it);</item>
/// <item>once every cached pointer names N+1 (twice its lifetime after step 1; step 2 does not
/// wait for that), list the stream heads again and catch up, row by row with checkpoints, every
/// stream whose head moved;</item>
/// <item>switch the pointer: queries read N+1 from the next request on. Until then they read N, whole.</item>
/// </list>
/// Rerunning a rebuild (a retried queue message) resumes the same generation.
/// </summary>
public sealed partial class ProjectionRebuilder(
    SagaStorage storage,
    EventStores stores,
    ProjectionCatalog catalog,
    ReadModelGenerations generations,
    ViewTables viewTables,
    CheckpointedViewWriter writer,
    TimeProvider time,
    ILogger<ProjectionRebuilder> logger)
{
    private const int ReadParallelism = 16;
    private const int WriteParallelism = 8;
    private const int MaxBatch = 100;

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
        // A live pass whose cached pointer predates the building generation projects into the current
        // one only; after twice the cache lifetime none is left. The fold reads the streams themselves,
        // so it runs meanwhile. The second listing of the heads waits: what is appended after it is
        // left to the live passes, and they must all write the building generation by then.
        var pointersRenewed = Task.Delay(ReadModelGenerations.CacheTtl * 2, time, cancellationToken);
        var streams = 0;
        var events = 0L;
        var caughtUp = 0;
        foreach (var projection in catalog.All)
        {
            var views = await viewTables.GetAsync(projection.ViewTable, generation);
            var store = stores.ByTable(storage.TablePrefix + projection.EventTable);
            var eventTable = storage.Table(projection.EventTable);

            var heads = await ListHeadsAsync(eventTable, projection, cancellationToken);
            var rows = await FoldAllAsync(projection, eventTable, cancellationToken);
            await WriteBatchedAsync(views, rows.Values.SelectMany(r => projection.Derive(r).Prepend(r)), cancellationToken);
            streams += rows.Count;
            events += rows.Values.Sum(ViewColumns.VersionOf);

            await pointersRenewed;
            var moved = (await ListHeadsAsync(eventTable, projection, cancellationToken))
                .Where(h => !heads.TryGetValue(h.Key, out var before) || before != h.Value)
                .Select(h => h.Key)
                .ToList();
            await Parallel.ForEachAsync(moved, Options(ReadParallelism, cancellationToken), async (streamId, ct) =>
                await writer.CatchUpAsync(views, projection, store, streamId, ct));
            caughtUp += moved.Count;
        }

        var switched = await generations.SwitchToAsync(generation, cancellationToken);
        var outcome = new RebuildOutcome(generation, streams, events, caughtUp, clock.Elapsed, switched);
        LogRebuilt(logger, generation, streams, events, caughtUp, clock.Elapsed.TotalSeconds, switched);
        return outcome;
    }

    private static async Task<Dictionary<string, long>> ListHeadsAsync(TableClient eventTable, IViewProjection projection, CancellationToken cancellationToken)
    {
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var (streamId, version) in StreamRows.ListStreamsAsync(eventTable, cancellationToken))
        {
            if (projection.IsFedBy(streamId))
            {
                heads[streamId] = version;
            }
        }

        return heads;
    }

    /// <summary>Folds every stream of the projection's kind from one scan of the event table.</summary>
    private async Task<Dictionary<string, TableEntity>> FoldAllAsync(IViewProjection projection, TableClient eventTable, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        await foreach (var recorded in EventTableScan.ReadAllAsync(eventTable, cancellationToken))
        {
            if (!projection.IsFedBy(recorded.StreamId))
            {
                continue;
            }

            if (!rows.TryGetValue(recorded.StreamId, out var row))
            {
                var key = projection.KeyOf(recorded.StreamId);
                rows[recorded.StreamId] = row = new TableEntity(key.PartitionKey, key.RowKey) { [ViewColumns.UpdatedAt] = now };
            }

            projection.Apply(row, recorded);
            row[ViewColumns.Version] = recorded.Version;
            row[ViewColumns.LastEventAt] = recorded.Timestamp;
        }

        return rows;
    }

    /// <summary>Upserts the rows in entity group transactions: up to 100 rows of one partition each.</summary>
    private static async Task WriteBatchedAsync(TableClient views, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        var batches = rows
            .GroupBy(r => r.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(MaxBatch))
            .ToList();
        await Parallel.ForEachAsync(batches, Options(WriteParallelism, cancellationToken), async (batch, ct) =>
            await views.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct));
    }

    private static ParallelOptions Options(int parallelism, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt generation {Generation}: {Streams} streams, {Events} events, {CaughtUp} caught up after, in {Seconds:0.0} s; switched: {Switched}")]
    private static partial void LogRebuilt(ILogger logger, int generation, int streams, long events, int caughtUp, double seconds, bool switched);
}
