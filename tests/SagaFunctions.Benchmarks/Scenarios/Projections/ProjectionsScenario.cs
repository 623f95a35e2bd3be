using SagaFunctions.Domain.Customers;
using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App;
using SagaFunctions.Benchmarks.Infrastructure;
using SagaFunctions.Benchmarks.Reporting;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;
using SagaFunctions.EventStore;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Platform.Queues;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.Benchmarks.Scenarios.Projections;

/// <summary>
/// Read-side figures with the app's own services (fresh tables per run via the table prefix):
/// <list type="bullet">
/// <item>projection lag: 200 customer streams append concurrently, each once per interval at a random
/// phase (a steady load Azurite on this machine can carry; a closed loop of 200 writers only measures
/// Azurite's saturation, where the append alone takes seconds); the notifications go through the real
/// Storage queue to a consumer that runs the projection pipeline the way the queue trigger does
/// (one instance's batchSize 16 / newBatchThreshold 8).
/// Lag is measured from the append's commit (its return) to the end of the projection of its notification;</item>
/// <item>rebuild speed over 20,000 events, next to raw 100-row batch inserts into Azurite in the same run.</item>
/// </list>
/// </summary>
internal sealed class ProjectionsScenario : IBenchmarkScenario
{
    private const string Scenario = "projections";
    private const int Streams = 200;
    private const int AppendsPerStream = 5;

    /// <summary>Each stream appends once per interval (random phase): 200 streams → about 17 appends/s in all.</summary>
    private static readonly TimeSpan AppendInterval = TimeSpan.FromSeconds(12);
    private const int OrderStreams = 2_000;
    private const int ProductStreams = 200;
    private const int EventsPerProduct = 75;
    private const int ConsumerBatch = 16;
    private const int NewBatchThreshold = 8;

    private static readonly ConcurrentBag<double> ProjectionTimes = [];

    public string Name => Scenario;

    public async Task RunAsync(BenchmarkContext context)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SagaStorage"] = context.ConnectionString,
            ["SagaStorage:TablePrefix"] = BenchmarkContext.UniqueTableName("pb"),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSagaFunctions(configuration).BuildServiceProvider();
        await using var _ = services;
        await services.GetRequiredService<EventStores>().EnsureCreatedAsync();

        var lags = await MeasureLagAsync(services);
        context.Report.Add(new Figure(Scenario, $"projection lag p50 ({Streams} streams, {Streams / AppendInterval.TotalSeconds:0.#} appends/s)", Percentile(lags, 0.50), "ms"));
        context.Report.Add(new Figure(Scenario, $"projection lag p99 ({Streams} streams, {Streams / AppendInterval.TotalSeconds:0.#} appends/s)", Percentile(lags, 0.99), "ms", Target: "≤ 1000 ms", MeetsTarget: Percentile(lags, 0.99) <= 1000));

        var events = Streams * AppendsPerStream + await WriteRebuildDataAsync(services);
        var raw = await RawBatchRateAsync(context.ConnectionString, events);
        var rebuild = await RebuildRateAsync(services, events);
        context.Report.Add(new Figure(Scenario, $"rebuild rate ({events:N0} events)", rebuild, "events/s", raw, "raw 100-row batch insert", "≥ 0.5x raw", rebuild >= 0.5 * raw));
    }

    private static async Task<List<double>> MeasureLagAsync(IServiceProvider services)
    {
        var customers = services.GetRequiredService<IAggregateRepository<CustomerState>>();
        var projector = services.GetRequiredService<IStreamProjector>();
        var queue = services.GetRequiredService<SagaStorage>().Queue(QueueAppendNotifier.QueueName);
        await queue.CreateIfNotExistsAsync();
        var waiting = new ConcurrentDictionary<(string, long), TaskCompletionSource>();
        using var stop = new CancellationTokenSource();
        var consumer = ConsumeAsync(queue, projector, waiting, stop.Token);

        var run = Guid.NewGuid().ToString("N")[..6];
        var lags = new ConcurrentBag<double>();
        var appendTimes = new ConcurrentBag<double>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Streams), new ParallelOptions { MaxDegreeOfParallelism = Streams }, async (i, ct) =>
        {
            var customerId = $"c{run}-{i}";
            var stream = StreamNames.Customer(customerId);
            await Task.Delay(Random.Shared.Next((int)AppendInterval.TotalMilliseconds), ct);
            for (var n = 0; n < AppendsPerStream; n++)
            {
                var orderId = $"o{run}-{i}-{n}";
                var pace = Stopwatch.StartNew();
                var visible = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting[(stream, n + 1)] = visible;
                var appendClock = Stopwatch.StartNew();
                var outcome = n == 0
                    ? await customers.ExecuteAsync(stream, s => s.Register(customerId, "Bench " + i, 1_000_000m), $"{customerId}:register", ct)
                    : await customers.ExecuteAsync(stream, s => s.ReserveCredit(orderId, 10m), $"{orderId}:credit", ct);
                Check(outcome.State.Version == n + 1, "one event per append");
                appendTimes.Add(appendClock.Elapsed.TotalMilliseconds);
                var committed = Stopwatch.StartNew();
                await visible.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);
                lags.Add(committed.Elapsed.TotalMilliseconds);
                if (AppendInterval - pace.Elapsed is { Ticks: > 0 } rest)
                {
                    await Task.Delay(rest, ct);
                }
            }
        });

        await stop.CancelAsync();
        await consumer;
        Console.WriteLine($"  (diagnostic) append mean {appendTimes.Average():0} ms; projection pipeline mean {ProjectionTimes.Average():0} ms per notification");
        return [.. lags];
    }

    /// <summary>
    /// The queue trigger's loop as one Functions instance runs it: receive a batch of 16, and fetch the
    /// next one whenever the messages in flight drop to newBatchThreshold (8); per message run the
    /// projection pipeline, then delete it.
    /// </summary>
    private static async Task ConsumeAsync(QueueClient queue, IStreamProjector projector, ConcurrentDictionary<(string, long), TaskCompletionSource> waiting, CancellationToken stop)
    {
        var inFlight = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            if (inFlight.Count > NewBatchThreshold)
            {
                await Task.WhenAny(inFlight);
                continue;
            }

            Azure.Storage.Queues.Models.QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(ConsumerBatch, TimeSpan.FromMinutes(1), stop)).Value;
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (messages.Length == 0)
            {
                await Task.Delay(50, CancellationToken.None);
                continue;
            }

            inFlight.AddRange(messages.Select(message => Task.Run(async () =>
            {
                // One notification, or the batch the notifier sends when appends come during a send.
                var notifications = QueueBatch.Read(message.Body.ToString(), AppJsonContext.Default.AppendNotification);
                await Task.WhenAll(notifications.Select(async notification =>
                {
                    var projectClock = Stopwatch.StartNew();
                    await projector.ProjectNotifiedAsync(notification, CancellationToken.None);
                    ProjectionTimes.Add(projectClock.Elapsed.TotalMilliseconds);
                }));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                foreach (var notification in notifications)
                {
                    if (waiting.TryRemove((notification.StreamId, notification.Version), out var visible))
                    {
                        visible.TrySetResult();
                    }
                }
            }, CancellationToken.None)));
        }

        await Task.WhenAll(inFlight);
    }

    /// <summary>Orders (placed + approved) and long product streams, appended straight to the stores; returns the event count.</summary>
    private static async Task<int> WriteRebuildDataAsync(IServiceProvider services)
    {
        var stores = services.GetRequiredService<EventStores>();
        var run = Guid.NewGuid().ToString("N")[..6];
        await Parallel.ForEachAsync(Enumerable.Range(0, OrderStreams), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var orderId = $"r{run}-{i}";
            IDomainEvent[] events =
            [
                new OrderPlaced(orderId, $"c{run}-{i % Streams}", [new OrderLine($"p{run}-{i % ProductStreams}", 1, 10m)], 10m, "tok_visa", SagaStyles.Orchestration, DateTimeOffset.UtcNow),
                new OrderApproved(orderId),
            ];
            await stores.Ordering.AppendAsync(StreamNames.Order(orderId), ExpectedVersion.NoStream, events.Select((e, n) => new NewEvent($"{orderId}:{n}", e)).ToList(), ct);
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, ProductStreams), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var sku = $"p{run}-{i}";
            var events = new List<NewEvent> { new($"{sku}:add", new ProductAdded(sku, "Bench " + i, 10m, 1_000_000)) };
            events.AddRange(Enumerable.Range(1, EventsPerProduct - 1).Select(n => new NewEvent($"{sku}:{n}", new StockReserved($"o-{sku}-{n}", 1))));
            await stores.Inventory.AppendAsync(StreamNames.Product(sku), ExpectedVersion.NoStream, events, ct);
        });
        return (OrderStreams * 2) + (ProductStreams * EventsPerProduct);
    }

    /// <summary>Rebuilds every view into a new generation; events/s over the whole run (listing, reading, writing, switch).</summary>
    private static async Task<double> RebuildRateAsync(IServiceProvider services, int expectedEvents)
    {
        var generations = services.GetRequiredService<ReadModelGenerations>();
        var clock = Stopwatch.StartNew();
        var pointer = await generations.StartBuildingAsync();
        var outcome = await services.GetRequiredService<ProjectionRebuilder>().RebuildAsync(pointer.Building, CancellationToken.None);
        clock.Stop();
        Check(outcome.Switched && outcome.Events == expectedEvents, $"rebuild of {outcome.Events} events, switched {outcome.Switched}");
        return outcome.Events / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The baseline: the same number of plain rows in 100-row transactions over 16 partitions, 8 in flight (as the rebuild writes).</summary>
    private static async Task<double> RawBatchRateAsync(string connectionString, int rows)
    {
        var table = new TableClient(connectionString, BenchmarkContext.UniqueTableName("rawviews"));
        await table.CreateIfNotExistsAsync();
        var batches = Enumerable.Range(0, rows)
            .Select(i => new TableEntity($"p-{i % 16:00}", $"r-{i:D8}") { ["Name"] = "row " + i, ["Total"] = "10.00", ["Version"] = (long)i, ["UpdatedAt"] = DateTimeOffset.UtcNow })
            .GroupBy(e => e.PartitionKey)
            .SelectMany(g => g.Chunk(100))
            .ToList();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct));
        return rows / clock.Elapsed.TotalSeconds;
    }

    private static double Percentile(List<double> values, double p)
    {
        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark sanity check failed: {what}.");
        }
    }
}
