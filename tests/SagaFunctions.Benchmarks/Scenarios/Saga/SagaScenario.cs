using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SagaFunctions.Azurite;
using SagaFunctions.Benchmarks.Infrastructure;
using SagaFunctions.Benchmarks.Reporting;
using SagaFunctions.LocalHost.Triggers;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.Benchmarks.Scenarios.Saga;

/// <summary>
/// The order saga end to end over HTTP next to the bare durable backend, each in local host child
/// processes of its own, on two fresh Azurites: the latency runs on one without a debug log, the
/// throughput run on one started with <c>--debug</c> (its request lines are counted for the storage
/// cost; writing them slowed every request, by about 10 % of the saga's latency):
/// <list type="bullet">
/// <item>baseline: an orchestration of 5 sequential no-op activities, host.json with Durable Functions'
/// default durable settings, status read over HTTP (GetInstanceAsync) every 20 ms;</item>
/// <item>saga: POST /api/orders until GET /api/orders/{id} (the order view the projection function
/// updates) leaves PENDING, with the repo's host.json, in one host process;</item>
/// <item>saga on several processes: the same, with the app split the way Flex Consumption scales it
/// (<see cref="FlexTopology"/>): the in-process shortcuts (recent appends, remembered progress, cached
/// states) mostly miss there, as they would in Azure, so its request count is the honest estimate of
/// the bill.</item>
/// <item>saga traced: the one-process saga with OpenTelemetry exporting every span over OTLP to a sink
/// (<see cref="OtlpSink"/>), next to the same saga untraced, for the cost of tracing.</item>
/// </list>
/// Latency one at a time (p50/p95/p99, and how much of it the orchestration took by its own
/// created/last-updated timestamps), throughput with 200 in flight (one poller, at most 50 polls/s, cycling through the unfinished ones), storage
/// requests per completed unit in the throughput run (status polls subtracted, measured per poll), also
/// split by who made them (the User-Agent's application id: the app's, the queue triggers', none for
/// the durable backend's),
/// peak working set of the host process during the throughput run.
/// Environment: SAGA_BENCH_OURS_HOST_JSON (another host.json for the saga side, for tuning runs),
/// SAGA_BENCH_SIDES (the saga side runs always; the others only when named, comma-separated:
/// baseline, flex, tracing; unset: all), SAGA_BENCH_LATENCY_RUNS (default 60), SAGA_BENCH_KEEP=1 (keep the
/// Azurite debug log for a breakdown of the requests).
/// </summary>
internal sealed class SagaScenario : IBenchmarkScenario
{
    private const string Scenario = "saga";
    private const int Warmup = 5;
    private const int InFlight = 200;
    private const int CalibrationPolls = 100;
    private static readonly TimeSpan LatencyPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ThroughputPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>Below this, the host is back to its idle polling (about 10 requests/s for the app, 1 for the baseline).</summary>
    private const double QuietRequestsPerSecond = 30;

    /// <summary>The multi-process side: one HTTP process (one client address), two Durable, each queue trigger alone, the timers.</summary>
    private const string FlexTopology = "http;durable*2;ProjectStream;DispatchOrderEvent;timers";

    public string Name => Scenario;

    public async Task RunAsync(BenchmarkContext context)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sagafunctions-benchmarks", "saga-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var logPath = Path.Combine(folder, "azurite-debug.log");
        var latencyRuns = int.TryParse(Environment.GetEnvironmentVariable("SAGA_BENCH_LATENCY_RUNS"), out var runs) ? runs : 60;
        var oursHostJson = Environment.GetEnvironmentVariable("SAGA_BENCH_OURS_HOST_JSON") is { Length: > 0 } custom
            ? Path.GetFullPath(custom)
            : Path.Combine(AppContext.BaseDirectory, "host.json");
        var skipBaseline = Environment.GetEnvironmentVariable("SAGA_BENCH_SIDES") is { Length: > 0 } only && !only.Contains("baseline", StringComparison.OrdinalIgnoreCase);
        var baselineHostJson = Path.Combine(folder, "baseline-host.json");
        await File.WriteAllTextAsync(baselineHostJson, """
            {
              "version": "2.0",
              "extensions": { "http": { "routePrefix": "api" } },
              "logging": { "logLevel": { "default": "Warning" } }
            }
            """);
        Console.WriteLine($"saga side host.json: {oursHostJson}");

        await using var quiet = await AzuriteProcess.StartAsync(AzuriteEndpoints.FreePorts(), Path.Combine(folder, "data-latency"), inMemory: false);
        await using var counted = await AzuriteProcess.StartAsync(AzuriteEndpoints.FreePorts(), Path.Combine(folder, "data"), inMemory: false, debugLogPath: logPath);
        var storage = new SideStorage(quiet.ConnectionString, counted.ConnectionString, new AzuriteRequestLog(logPath));

        SideResult? baseline = null;
        if (!skipBaseline)
        {
            baseline = await RunSideAsync(new BaselineWorkload(), storage, "BenchBaseHub", baselineHostJson, false, latencyRuns,
                typeof(BaselineFunctions).FullName + ", " + typeof(BaselineFunctions).Assembly.GetName().Name);
        }

        var saga = await RunSideAsync(new OrderWorkload(), storage, "BenchSagaHub", oursHostJson, true, latencyRuns);
        var sides = Environment.GetEnvironmentVariable("SAGA_BENCH_SIDES");
        (SideResult Result, long Requests, long Bytes)? traced = null;
        if (sides is not { Length: > 0 } || sides.Contains("tracing", StringComparison.OrdinalIgnoreCase))
        {
            await using var collector = new OtlpSink();
            var result = await RunSideAsync(new OrderWorkload(), storage, new HostSetup("BenchTracedHub", oursHostJson, true, [], null, collector.Environment), latencyRuns);
            traced = (result, collector.Requests, collector.Bytes);
        }

        var spread = sides is { Length: > 0 } && !sides.Contains("flex", StringComparison.OrdinalIgnoreCase)
            ? null
            : await RunSpreadSideAsync(new OrderWorkload(), storage, "BenchFlexHub", oursHostJson, latencyRuns, FlexTopology);

        Report(context.Report, saga, baseline, latencyRuns);
        if (spread is not null)
        {
            ReportSpread(context.Report, spread, saga, baseline);
        }

        if (traced is { } t)
        {
            ReportTracing(context.Report, t.Result, saga, t.Requests, t.Bytes);
        }
        try
        {
            await quiet.DisposeAsync();
            await counted.DisposeAsync();
            if (Environment.GetEnvironmentVariable("SAGA_BENCH_KEEP") is { Length: > 0 })
            {
                Console.WriteLine($"kept: {folder}");
                return;
            }

            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static void Report(BenchmarkReport report, SideResult saga, SideResult? baseline, int latencyRuns)
    {
        const string B = "baseline: 5 no-op activities, default durable settings";
        double? Base(Func<SideResult, double> pick) => baseline is null ? null : pick(baseline);
        foreach (var (label, q) in new[] { ("p50", 0.50), ("p95", 0.95), ("p99", 0.99) })
        {
            if (baseline is not null)
            {
                report.Add(new Figure(Scenario, $"baseline orchestration latency {label} (one at a time, {latencyRuns} runs)", baseline.Latency(q), "ms"));
            }

            var value = saga.Latency(q);
            var target = label switch { "p50" => "≤ 300 ms", "p99" => "≤ 1000 ms", _ => null };
            var met = label switch { "p50" => value <= 300, "p99" => value <= 1000, _ => (bool?)null };
            report.Add(new Figure(Scenario, $"saga latency {label} (POST → order view final, one at a time, {latencyRuns} orders)", value, "ms",
                Base(b => b.Latency(q)), B, target, met));
        }

        // Where the latency goes: the orchestration by its own timestamps, and the rest (the HTTP
        // start, for the saga the projection of the final event, and the client's polling).
        if (baseline is not null)
        {
            report.Add(new Figure(Scenario, $"baseline orchestration run p50 (created → completed, {BaselineFunctions.Activities} activities)", baseline.Orchestration(0.5), "ms"));
            report.Add(new Figure(Scenario, "baseline latency outside the orchestration p50 (start, status polling)", baseline.Outside(0.5), "ms"));
        }

        report.Add(new Figure(Scenario, "saga orchestration run p50 (created → completed, 4 activities)", saga.Orchestration(0.5), "ms", Base(b => b.Orchestration(0.5)), B));
        report.Add(new Figure(Scenario, "saga latency outside the orchestration p50 (POST, projection of the final event, view polling)", saga.Outside(0.5), "ms", Base(b => b.Outside(0.5)), B));

        if (baseline is not null)
        {
            report.Add(new Figure(Scenario, $"baseline throughput ({InFlight} in flight)", baseline.Throughput, "orchestrations/s"));
        }

        report.Add(new Figure(Scenario, $"saga throughput ({InFlight} in flight, {saga.Outcomes})", saga.Throughput, "sagas/s",
            Base(b => b.Throughput), B, "≥ 1.5x baseline", baseline is null ? null : saga.Throughput >= 1.5 * baseline.Throughput));

        if (baseline is not null)
        {
            report.Add(new Figure(Scenario, "baseline storage requests per orchestration (throughput run, status polls excluded)", baseline.RequestsPerUnit, "requests"));
            report.Add(new Figure(Scenario, "baseline storage requests per orchestration (throughput run, status polls included)", baseline.GrossRequestsPerUnit, "requests"));
        }

        report.Add(new Figure(Scenario, $"saga orders final within {Deadline.TotalMinutes:0} min (throughput run)", saga.Completed, $"of {InFlight}"));
        if (saga.Completed > 0)
        {
            report.Add(new Figure(Scenario, "saga storage requests per completed saga (throughput run, status polls excluded)", saga.RequestsPerUnit, "requests",
                Base(b => b.RequestsPerUnit), B, "≤ 1.5x baseline", baseline is null ? null : saga.RequestsPerUnit <= 1.5 * baseline.RequestsPerUnit));
            report.Add(new Figure(Scenario, "saga storage requests per completed saga (throughput run, status polls included)", saga.GrossRequestsPerUnit, "requests",
                Base(b => b.GrossRequestsPerUnit), B));

            // Who makes them: the durable backend alone, next to the baseline's whole cost, is the floor
            // that tuning the app cannot go under.
            report.Add(new Figure(Scenario, "saga storage requests per completed saga: the durable backend's (task hub queues, history, instances)", saga.PerUnitFrom(AzuriteRequestLog.Unnamed), "requests",
                Base(b => b.RequestsPerUnit), B));
            report.Add(new Figure(Scenario, "saga storage requests per completed saga: the app's (event streams, read models, notifications, integration events)", saga.PerUnitFrom(SagaStorage.ApplicationId), "requests"));
            report.Add(new Figure(Scenario, "saga storage requests per completed saga: the queue triggers' (polls, deletes)", saga.PerUnitFrom(QueueTriggerListener.ApplicationId), "requests"));
        }
        else
        {
            // No saga finished: a per-saga cost would divide by zero; report the total instead.
            report.Add(new Figure(Scenario, "saga storage requests in the throughput run (no saga final: per-saga cost not measurable)", saga.GrossRequests, "requests"));
        }
        report.Add(new Figure(Scenario, "saga storage requests per status poll (GET /api/orders/{id})", saga.RequestsPerPoll, "requests",
            Base(b => b.RequestsPerPoll), "baseline GET (GetInstanceAsync)"));
        report.Add(new Figure(Scenario, "saga host idle storage requests per second", saga.IdleRequestsPerSecond, "requests/s",
            Base(b => b.IdleRequestsPerSecond), B));

        if (baseline is not null)
        {
            report.Add(new Figure(Scenario, "baseline host peak working set (throughput run)", baseline.PeakWorkingSetMb, "MB"));
        }

        report.Add(new Figure(Scenario, "saga host peak working set (throughput run)", saga.PeakWorkingSetMb, "MB", Base(b => b.PeakWorkingSetMb), B));
    }

    /// <summary>The saga on several processes, next to the one-process saga and the baseline of the same run.</summary>
    private static void ReportSpread(BenchmarkReport report, SideResult spread, SideResult saga, SideResult? baseline)
    {
        const string One = "saga in one process";
        var processes = FlexTopology.Split(';').Sum(g => g.Split('*') is [_, var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 1);
        var label = $"saga on {processes} processes ({FlexTopology})";
        report.Add(new Figure(Scenario, $"{label}: latency p50", spread.Latency(0.5), "ms", saga.Latency(0.5), One));
        report.Add(new Figure(Scenario, $"{label}: latency p99", spread.Latency(0.99), "ms", saga.Latency(0.99), One));
        report.Add(new Figure(Scenario, $"{label}: throughput ({InFlight} in flight, {spread.Outcomes})", spread.Throughput, "sagas/s", saga.Throughput, One));
        if (spread.Completed > 0)
        {
            report.Add(new Figure(Scenario, $"{label}: storage requests per completed saga (status polls excluded)", spread.RequestsPerUnit, "requests", saga.RequestsPerUnit, One));
            if (baseline is not null)
            {
                report.Add(new Figure(Scenario, $"{label}: storage requests per completed saga, against the baseline", spread.RequestsPerUnit, "requests",
                    baseline.RequestsPerUnit, "baseline: 5 no-op activities, default durable settings"));
            }

            report.Add(new Figure(Scenario, $"{label}: of which the durable backend's", spread.PerUnitFrom(AzuriteRequestLog.Unnamed), "requests", saga.PerUnitFrom(AzuriteRequestLog.Unnamed), One));
            report.Add(new Figure(Scenario, $"{label}: of which the app's", spread.PerUnitFrom(SagaStorage.ApplicationId), "requests", saga.PerUnitFrom(SagaStorage.ApplicationId), One));
            report.Add(new Figure(Scenario, $"{label}: of which the queue triggers'", spread.PerUnitFrom(QueueTriggerListener.ApplicationId), "requests", saga.PerUnitFrom(QueueTriggerListener.ApplicationId), One));
        }

        report.Add(new Figure(Scenario, $"{label}: idle storage requests per second", spread.IdleRequestsPerSecond, "requests/s", saga.IdleRequestsPerSecond, One));
        report.Add(new Figure(Scenario, $"{label}: peak working set, all processes", spread.PeakWorkingSetMb, "MB", saga.PeakWorkingSetMb, One));
    }

    /// <summary>The saga with OpenTelemetry on (every span sampled, exported over OTLP), next to the same saga without it.</summary>
    private static void ReportTracing(BenchmarkReport report, SideResult traced, SideResult saga, long exports, long bytes)
    {
        const string Off = "saga, tracing off";
        const string Label = "saga, tracing on (100 % sampled, OTLP/HTTP to a local sink)";
        report.Add(new Figure(Scenario, $"{Label}: latency p50", traced.Latency(0.5), "ms", saga.Latency(0.5), Off));
        report.Add(new Figure(Scenario, $"{Label}: latency p99", traced.Latency(0.99), "ms", saga.Latency(0.99), Off));
        report.Add(new Figure(Scenario, $"{Label}: throughput ({InFlight} in flight, {traced.Outcomes})", traced.Throughput, "sagas/s", saga.Throughput, Off,
            "≥ 0.95x tracing off", traced.Throughput >= 0.95 * saga.Throughput));
        report.Add(new Figure(Scenario, $"{Label}: peak working set", traced.PeakWorkingSetMb, "MB", saga.PeakWorkingSetMb, Off));
        report.Add(new Figure(Scenario, $"{Label}: OTLP exports received", exports, "requests"));
        report.Add(new Figure(Scenario, $"{Label}: OTLP bytes received", bytes / 1024.0 / 1024.0, "MB"));
    }

    private static Task<SideResult> RunSideAsync(
        IWorkload workload, SideStorage storage, string taskHub, string hostJson, bool appFunctions, int latencyRuns, params string[] functionTypes) =>
        RunSideAsync(workload, storage, new HostSetup(taskHub, hostJson, appFunctions, functionTypes, null), latencyRuns);

    private static Task<SideResult> RunSpreadSideAsync(IWorkload workload, SideStorage storage, string taskHub, string hostJson, int latencyRuns, string topology) =>
        RunSideAsync(workload, storage, new HostSetup(taskHub, hostJson, true, [], topology), latencyRuns);

    private static async Task<SideResult> RunSideAsync(IWorkload workload, SideStorage storage, HostSetup side, int latencyRuns)
    {
        var latency = await OnWarmHostAsync(workload, storage.Latency, side, "the latency runs", host => MeasureLatencyAsync(workload, host, latencyRuns));
        return await OnWarmHostAsync(workload, storage.Counted, side, "the throughput run", host => MeasureThroughputAsync(workload, host, storage.Log, latency));
    }

    /// <summary>
    /// Starts a host of the side on <paramref name="connection"/>, prepares and warms up the workload on
    /// it and runs <paramref name="measure"/>; if that fails, prints what the host printed.
    /// </summary>
    private static async Task<T> OnWarmHostAsync<T>(IWorkload workload, string connection, HostSetup side, string purpose, Func<IHostUnderTest, Task<T>> measure)
    {
        Console.WriteLine($"-- {workload.Name}{(side.Topology is null ? "" : " on " + side.Topology)}: starting the host for {purpose}");
        await using IHostUnderTest host = side.Topology is { } topology
            ? await HostGroup.StartAsync(connection, side.TaskHub, side.HostJson, topology)
            : await HostChildProcess.StartAsync(connection, side.TaskHub, side.HostJson, side.AppFunctions, side.FunctionTypes, [], side.Environment);
        try
        {
            await PrepareAndWarmUpAsync(workload, host.Http);
            return await measure(host);
        }
        catch (Exception)
        {
            Console.Error.WriteLine(host.Output);
            throw;
        }
    }

    /// <summary>One at a time, on the Azurite without a debug log.</summary>
    private static async Task<LatencyResult> MeasureLatencyAsync(IWorkload workload, IHostUnderTest host, int latencyRuns)
    {
        var latencies = new List<double>(latencyRuns);
        var orchestrations = new List<double>(latencyRuns);
        var outside = new List<double>(latencyRuns);
        for (var i = 0; i < latencyRuns; i++)
        {
            var clock = Stopwatch.StartNew();
            var status = await RunOneAsync(workload, host.Http, Warmup + i, LatencyPoll);
            var latency = clock.Elapsed.TotalMilliseconds;
            var orchestration = (await workload.OrchestrationTimeAsync(host.Http, status)).TotalMilliseconds;
            latencies.Add(latency);
            orchestrations.Add(orchestration);
            outside.Add(latency - orchestration);
        }

        latencies.Sort();
        orchestrations.Sort();
        outside.Sort();
        Console.WriteLine($"   latency p50 {Percentile(latencies, 0.5):0} ms, p99 {Percentile(latencies, 0.99):0} ms");
        return new LatencyResult(latencies, orchestrations, outside);
    }

    /// <summary>
    /// All in flight at once, on the Azurite with the debug log: first the idle host's traffic and the
    /// cost of one status poll, then the throughput run, its storage requests and the working set.
    /// </summary>
    private static async Task<SideResult> MeasureThroughputAsync(IWorkload workload, IHostUnderTest host, AzuriteRequestLog log, LatencyResult latency)
    {
        var cost = await MeasurePollCostAsync(workload, host, log);
        var sourcesBefore = await log.CountBySourceAsync();
        var before = sourcesBefore.Values.Sum();
        var polls = new StrongBox();
        using var stopSampling = new CancellationTokenSource();
        var peak = host.PeakWorkingSetAsync(stopSampling.Token);
        var outcomes = new ConcurrentDictionary<string, int>();
        var run = Stopwatch.StartNew();
        var started = await Task.WhenAll(Enumerable.Range(0, InFlight).Select(i => workload.StartAsync(host.Http, 1_000 + i)));
        var elapsed = await PollAllAsync(workload, host.Http, started, run, polls, outcomes);
        await stopSampling.CancelAsync();
        var peakBytes = await peak;
        var (after, drained) = await log.QuietTotalAsync(QuietRequestsPerSecond, Deadline);
        var completed = outcomes.Where(o => o.Key != "timeout").Sum(o => o.Value);

        // Status polls come off the count, each source's share of a poll off its own.
        var gross = after - before;
        var net = gross - (polls.Value * cost.PerPoll);
        var perUnitBySource = Delta(sourcesBefore, log.BySource).ToDictionary(
            d => d.Key, d => (d.Value - (polls.Value * cost.PerPollBySource.GetValueOrDefault(d.Key))) / Math.Max(1, completed), StringComparer.Ordinal);

        var result = new SideResult(
            completed,
            gross,
            latency.Latencies,
            latency.Orchestrations,
            latency.Outside,
            completed / elapsed.TotalSeconds,
            gross / (double)Math.Max(1, completed),
            net / Math.Max(1, completed),
            cost.PerPoll,
            cost.IdleRate,
            peakBytes / (1024.0 * 1024.0),
            perUnitBySource,
            string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Value} {o.Key}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   throughput {result.Throughput:0.0}/s, last final after {elapsed.TotalSeconds:0.0} s ({result.Outcomes}), quiet {drained.TotalSeconds:0.0} s later; {gross} storage requests, {polls.Value} polls × {cost.PerPoll:0.00}; peak WS {result.PeakWorkingSetMb:0} MB; idle {cost.IdleRate:0.0} req/s"));
        Console.WriteLine("   per unit by source: " + string.Join(", ", perUnitBySource.OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{(d.Key.Length == 0 ? "durable backend" : d.Key)} {d.Value:0.0}"))));
        return result;
    }

    /// <summary>
    /// The warm host's background traffic, then what one status poll of a final unit costs beyond it,
    /// in all and by source. Measured before the throughput run: after it, the run's durable timers
    /// (the payment step's, 30 s later) would fire into the window and read as idle traffic.
    /// </summary>
    private static async Task<PollCost> MeasurePollCostAsync(IWorkload workload, IHostUnderTest host, AzuriteRequestLog log)
    {
        var probe = await workload.StartAsync(host.Http, 5_000);
        while (await workload.OutcomeAsync(host.Http, probe) is null)
        {
            await Task.Delay(LatencyPoll);
        }

        // Let the queue triggers back off to their idle polling first.
        await Task.Delay(TimeSpan.FromSeconds(3));
        // Every request counts under exactly one source, so the totals are the sources' sums.
        var idleStart = await log.CountBySourceAsync();
        var idleClock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = Delta(idleStart, await log.CountBySourceAsync());
        var idleSeconds = idleClock.Elapsed.TotalSeconds;
        var idleRate = idle.Values.Sum() / idleSeconds;

        var calibrationStart = await log.CountBySourceAsync();
        var calibrationClock = Stopwatch.StartNew();
        for (var i = 0; i < CalibrationPolls; i++)
        {
            await workload.OutcomeAsync(host.Http, probe);
        }

        var calibration = Delta(calibrationStart, await log.CountBySourceAsync());
        var calibrationSeconds = calibrationClock.Elapsed.TotalSeconds;
        var perPoll = Math.Max(0, (calibration.Values.Sum() - (idleRate * calibrationSeconds)) / CalibrationPolls);
        var perPollBySource = calibration.ToDictionary(
            d => d.Key, d => Math.Max(0, (d.Value - (idle.GetValueOrDefault(d.Key) / idleSeconds * calibrationSeconds)) / CalibrationPolls), StringComparer.Ordinal);
        return new PollCost(idleRate, perPoll, perPollBySource);
    }

    /// <summary>The workload's data, then a few units so start-up costs (JIT, first requests) stay out of the figures.</summary>
    private static async Task PrepareAndWarmUpAsync(IWorkload workload, HttpClient http)
    {
        await workload.PrepareAsync(http);
        for (var i = 0; i < Warmup; i++)
        {
            await RunOneAsync(workload, http, i, LatencyPoll);
        }
    }

    /// <summary>
    /// Polls the outstanding units in turn, one poll at a time at most every <see cref="ThroughputPoll"/>
    /// (a poll per unit per interval would load Azurite more than the work measured); returns when
    /// the last final outcome was seen.
    /// </summary>
    private static async Task<TimeSpan> PollAllAsync(
        IWorkload workload, HttpClient http, Uri[] started, Stopwatch run, StrongBox polls, ConcurrentDictionary<string, int> outcomes)
    {
        var outstanding = new List<Uri>(started);
        var last = run.Elapsed;
        while (outstanding.Count > 0 && run.Elapsed < Deadline)
        {
            for (var i = outstanding.Count - 1; i >= 0; i--)
            {
                polls.Increment();
                if (await workload.OutcomeAsync(http, outstanding[i]) is { } outcome)
                {
                    outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                    outstanding.RemoveAt(i);
                    last = run.Elapsed;
                }

                await Task.Delay(ThroughputPoll);
            }
        }

        if (outstanding.Count > 0)
        {
            outcomes.AddOrUpdate("timeout", outstanding.Count, (_, n) => n + outstanding.Count);
        }

        return last;
    }

    /// <summary>Starts one unit and polls its outcome until final; returns its status URI.</summary>
    private static async Task<Uri> RunOneAsync(IWorkload workload, HttpClient http, int index, TimeSpan poll)
    {
        var status = await workload.StartAsync(http, index);
        var clock = Stopwatch.StartNew();
        while (await workload.OutcomeAsync(http, status) is null)
        {
            if (clock.Elapsed > Deadline)
            {
                throw new TimeoutException($"{status} was not final within {Deadline.TotalMinutes:0} min.");
            }

            await Task.Delay(poll);
        }

        return status;
    }

    /// <summary>How many more requests each source made by <paramref name="to"/> than by <paramref name="from"/>.</summary>
    private static Dictionary<string, double> Delta(IReadOnlyDictionary<string, long> from, IReadOnlyDictionary<string, long> to) =>
        to.ToDictionary(d => d.Key, d => (double)(d.Value - from.GetValueOrDefault(d.Key)), StringComparer.Ordinal);

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed class StrongBox
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }

    /// <summary>Where a side runs: the latency runs on one Azurite, the counted throughput run on another.</summary>
    private sealed record SideStorage(string Latency, string Counted, AzuriteRequestLog Log);

    /// <summary>How a side's hosts are started: task hub, host.json, whether the app's functions run, further function types, and the processes to spread it over (null: one).</summary>
    private sealed record HostSetup(string TaskHub, string HostJson, bool AppFunctions, string[] FunctionTypes, string? Topology, IReadOnlyDictionary<string, string>? Environment = null);

    /// <summary>The idle host's requests per second, and a status poll's requests beyond them (in all and by source).</summary>
    private sealed record PollCost(double IdleRate, double PerPoll, Dictionary<string, double> PerPollBySource);

    private sealed record LatencyResult(List<double> Latencies, List<double> Orchestrations, List<double> Outside);

    private sealed record SideResult(
        int Completed,
        long GrossRequests,
        List<double> Latencies,
        List<double> Orchestrations,
        List<double> OutsideOrchestration,
        double Throughput,
        double GrossRequestsPerUnit,
        double RequestsPerUnit,
        double RequestsPerPoll,
        double IdleRequestsPerSecond,
        double PeakWorkingSetMb,
        Dictionary<string, double> RequestsPerUnitBySource,
        string Outcomes)
    {
        /// <summary>Requests per completed unit made by <paramref name="source"/> (an application id), status polls excluded.</summary>
        public double PerUnitFrom(string source) => RequestsPerUnitBySource.GetValueOrDefault(source);

        public double Latency(double q) => Percentile(Latencies, q);

        public double Orchestration(double q) => Percentile(Orchestrations, q);

        public double Outside(double q) => Percentile(OutsideOrchestration, q);
    }
}
