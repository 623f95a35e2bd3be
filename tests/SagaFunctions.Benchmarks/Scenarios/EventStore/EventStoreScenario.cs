using System.Diagnostics;
using Azure.Core;
using Azure.Data.Tables;
using SagaFunctions.Benchmarks.Infrastructure;
using SagaFunctions.Benchmarks.Reporting;
using SagaFunctions.EventStore;

namespace SagaFunctions.Benchmarks.Scenarios.EventStore;

/// <summary>
/// Event store figures: append throughput next to raw batch inserts of the same rows, load time of a
/// 10,000-event stream with and without a snapshot next to a raw partition query, and the round trips
/// a load with a recent snapshot takes.
/// </summary>
internal sealed class EventStoreScenario : IBenchmarkScenario
{
    private const string Scenario = "eventstore";
    private const int LongStreamEvents = 10_000;
    private const int SnapshotLag = 50;
    private const int LoadRuns = 5;

    public string Name => Scenario;

    public async Task RunAsync(BenchmarkContext context)
    {
        var counter = new RequestCountingPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var table = new TableClient(context.ConnectionString, BenchmarkContext.UniqueTableName("esbench"), options);
        var store = new TableEventStore(table, CartEvents.CreateRegistry());
        await store.CreateTableIfNotExistsAsync();

        // Warm up connections, JIT and Azurite's table before timing anything.
        await AppendRateAsync(store, 10, 100);
        await RawRateAsync(table, 10, 100);

        foreach (var (perAppend, totalEvents) in new[] { (1, 300), (10, 1_000), (100, 2_000) })
        {
            await MeasureAppendsAsync(context.Report, store, table, perAppend, totalEvents);
        }

        await MeasureLoadsAsync(context.Report, store, table, counter);
    }

    private static async Task MeasureAppendsAsync(BenchmarkReport report, TableEventStore store, TableClient table, int perAppend, int totalEvents)
    {
        // Alternate store and raw runs so drift in Azurite (its in-memory tables grow) hits both alike.
        var storeRates = new List<double>();
        var rawRates = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            storeRates.Add(await AppendRateAsync(store, perAppend, totalEvents));
            rawRates.Add(await RawRateAsync(table, perAppend, totalEvents));
        }

        var rate = Median(storeRates);
        var raw = Median(rawRates);
        report.Add(new Figure(Scenario, $"append rate, {perAppend} events/append", rate, "events/s", raw, "raw batch insert",
            "≥ 0.8x raw", rate >= 0.8 * raw));
    }

    private static async Task<double> AppendRateAsync(TableEventStore store, int perAppend, int totalEvents)
    {
        var streamId = "cart-" + Guid.NewGuid().ToString("N");
        var version = 0L;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < totalEvents; i += perAppend)
        {
            var result = await store.AppendAsync(streamId, ExpectedVersion.Exact(version), CartEvents.Batch(i, perAppend));
            version = result.LastVersion;
        }

        return totalEvents / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> RawRateAsync(TableClient table, int perAppend, int totalEvents)
    {
        var raw = new RawEventRows(table);
        var partition = "raw-" + Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < totalEvents; i += perAppend)
        {
            await raw.AppendAsync(partition, CartEvents.Batch(i, perAppend));
        }

        return totalEvents / clock.Elapsed.TotalSeconds;
    }

    private static async Task MeasureLoadsAsync(BenchmarkReport report, TableEventStore store, TableClient table, RequestCountingPolicy counter)
    {
        var streamId = "cart-long-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < LongStreamEvents; i += 100)
        {
            await store.AppendAsync(streamId, ExpectedVersion.Exact(i), CartEvents.Batch(i, 100));
        }

        var withSnapshots = new AggregateStore<CartState>(store, CartEvents.Definition(snapshotInterval: 1_000));
        var withoutSnapshots = new AggregateStore<CartState>(store, CartEvents.Definition(snapshotInterval: 0));

        // A recent snapshot: 50 events behind the head, as a stream between two snapshot points would be.
        var atSnapshot = await withoutSnapshots.LoadAsOfVersionAsync(streamId, LongStreamEvents - SnapshotLag);
        await withSnapshots.WriteSnapshotAsync(streamId, atSnapshot);

        var raw = await Measure.MedianAsync(LoadRuns, async () =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {streamId} and RowKey ge {"e-"} and RowKey lt {"e."}");
            var count = 0;
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000))
            {
                count++;
            }

            Check(count == LongStreamEvents, $"raw query read {count} rows");
        });
        var full = await Measure.MedianAsync(LoadRuns, async () =>
            Check((await withoutSnapshots.LoadAsync(streamId)).Version == LongStreamEvents, "full fold"));
        var snap = await Measure.MedianAsync(LoadRuns, async () =>
            Check((await withSnapshots.LoadAsync(streamId)).SnapshotVersion == LongStreamEvents - SnapshotLag, "snapshot load"));

        report.Add(new Figure(Scenario, "load 10,000-event stream, full fold", full.TotalMilliseconds, "ms", raw.TotalMilliseconds, "raw partition query"));
        report.Add(new Figure(Scenario, "load 10,000-event stream, recent snapshot", snap.TotalMilliseconds, "ms", raw.TotalMilliseconds, "raw partition query"));

        counter.Reset();
        var loaded = await withSnapshots.LoadAsync(streamId);
        Check(loaded.Version == LongStreamEvents, "counted load");
        report.Add(new Figure(Scenario, "round trips to load with a recent snapshot", counter.Count, "requests", Target: "≤ 2", MeetsTarget: counter.Count <= 2));

        counter.Reset();
        await store.AppendAsync(streamId, ExpectedVersion.Exact(LongStreamEvents), CartEvents.Batch(LongStreamEvents, 1));
        report.Add(new Figure(Scenario, "round trips per 1-event append (head cached)", counter.Count, "requests"));
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark sanity check failed: {what}.");
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
