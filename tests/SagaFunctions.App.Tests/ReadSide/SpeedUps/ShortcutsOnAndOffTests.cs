using System.Collections.Concurrent;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.App;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Platform.Shortcuts;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.ReadSide.SpeedUps;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.EventStore;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.ReadSide.SpeedUps;

/// <summary>
/// The shortcuts are only a speed-up. Two read sides on the same event tables, each into views
/// tables of its own, one with the shortcuts (and, for every third append, the plain catch-up of
/// another process beside it, moving rows under what it remembers) and one with the plain catch-up
/// alone, get every append's notification: at once, as the queue trigger would, and later all
/// again, newest first. Their views end up identical, row for row.
/// </summary>
[Collection(ReadSideHostDefinition.Name)]
public sealed class ShortcutsOnAndOffTests(ReadSideHost host)
{
    private const int OrdersPerCustomer = 5;
    private static readonly string[] ViewTableNames = [ContextTables.OrderViews, ContextTables.CustomerViews, ContextTables.InventoryViews];

    [Fact]
    public async Task The_same_workload_gives_the_same_views_with_the_shortcuts_on_and_off()
    {
        var tables = AzuriteFixture.UniqueName("onoff");
        var published = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        await using var on = ReadSide(tables, "on", shortcuts: true, published);
        await using var off = ReadSide(tables, "off", shortcuts: false, published);
        Assert.IsType<ShortcutProjector>(on.GetRequiredService<IStreamProjector>());
        Assert.IsType<CatchUpProjector>(off.GetRequiredService<IStreamProjector>());
        var notifier = (BothReadSides)on.GetRequiredService<IAppendNotifier>();
        notifier.Off = off.GetRequiredService<IStreamProjector>();
        await on.GetRequiredService<EventStores>().EnsureCreatedAsync();

        var aggregates = new AppStreams(on);
        var customers = await RunWorkloadAsync(aggregates);
        await notifier.DrainAsync();
        await notifier.DeliverAllAgainNewestFirstAsync();

        var onRows = await RowsAsync(tables + "on");
        var offRows = await RowsAsync(tables + "off");
        Assert.Equal(offRows, onRows);
        // Customers, the two products, and every order with its history entry.
        Assert.Equal(customers.Count + 2 + (customers.Count * OrdersPerCustomer * 2), onRows.Count);
        foreach (var customerId in customers)
        {
            var credit = (await aggregates.Customers.LoadAsync(StreamNames.Customer(customerId))).State.AvailableCredit;
            Assert.Contains(onRows, r => r.Contains($"\"customerId\":\"{customerId}\",", StringComparison.Ordinal)
                && r.Contains($"\"availableCredit\":{credit.ToString(CultureInfo.InvariantCulture)}}}", StringComparison.Ordinal));
        }

        Assert.NotEmpty(published["on"]);
        Assert.Equal(published["off"].Distinct().Order(StringComparer.Ordinal), published["on"].Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>Customers ordering at once: two approvals, a rejection, a cancellation, a failed compensation each.</summary>
    private static async Task<List<string>> RunWorkloadAsync(AppStreams aggregates)
    {
        var plenty = new Scenario(aggregates, "oo");
        var scarce = new Scenario(aggregates, "oo");
        await plenty.AddProductAsync(stock: 100, unitPrice: 2.5m);
        await scarce.AddProductAsync(stock: 3, unitPrice: 2.5m);
        var customers = Enumerable.Range(0, 3).Select(_ => new Scenario(aggregates, "oo")).ToList();
        await Task.WhenAll(customers.Select(async customer =>
        {
            await customer.RegisterCustomerAsync(creditLimit: 100m);
            await Task.WhenAll(
                ReserveAsync(customer, plenty.Sku, 2, o => o.Approve()),
                ReserveAsync(customer, scarce.Sku, 1, o => o.Approve()),
                ReserveAsync(customer, scarce.Sku, 5, o => o.Reject(FailureReasons.OutOfStock), release: true),
                ReserveAsync(customer, plenty.Sku, 4, o => o.MarkCompensationFailed("ReleaseCredit", "kept failing"), release: true),
                CancelAsync(customer));
        }));
        return [.. customers.Select(c => c.CustomerId)];

        async Task ReserveAsync(Scenario customer, string sku, int quantity, Func<OrderState, Domain.CommandResult> settle, bool release = false)
        {
            var orderId = await customer.PlaceOrderAsync(quantity, 2.5m, sku);
            await aggregates.Customers.ExecuteAsync(StreamNames.Customer(customer.CustomerId), c => c.ReserveCredit(orderId, quantity * 2.5m), $"{orderId}:credit");
            await aggregates.Products.ExecuteAsync(StreamNames.Product(sku), p => p.ReserveStock(orderId, quantity), $"{orderId}:stock");
            if (release)
            {
                await aggregates.Products.ExecuteAsync(StreamNames.Product(sku), p => p.ReleaseStock(orderId), $"{orderId}:release-stock");
                await aggregates.Customers.ExecuteAsync(StreamNames.Customer(customer.CustomerId), c => c.ReleaseCredit(orderId), $"{orderId}:release-credit");
            }

            await aggregates.Orders.ExecuteAsync(StreamNames.Order(orderId), settle, $"{orderId}:settle");
        }

        async Task CancelAsync(Scenario customer)
        {
            var orderId = await customer.PlaceOrderAsync(1, 2.5m, plenty.Sku);
            // Released though never reserved: the zero release.
            await aggregates.Customers.ExecuteAsync(StreamNames.Customer(customer.CustomerId), c => c.ReleaseCredit(orderId), $"{orderId}:release-credit");
            await aggregates.Orders.ExecuteAsync(StreamNames.Order(orderId), o => o.Cancel(), $"{orderId}:cancel");
        }
    }

    /// <summary>A read side of its own on the shared event tables: views tables under <c>{tables}{side}</c>, integration events to memory.</summary>
    private ServiceProvider ReadSide(string tables, string side, bool shortcuts, ConcurrentDictionary<string, ConcurrentBag<string>> published)
    {
        var configuration = Configuration(tables, shortcuts);
        var services = new ServiceCollection().AddLogging().AddSingleton(configuration);
        // Each side its own publish checkpoints, so each publishes every event.
        services.AddSingleton<IReadOnlyList<IntegrationTarget>>([new IntegrationTarget("published-" + side, new RecordingPublisher(published.GetOrAdd(side, _ => [])))]);
        services.AddSagaFunctions(configuration);
        services.Replace(ServiceDescriptor.Singleton(new ViewTables(new SagaStorage(Configuration(tables + side, shortcuts), []))));
        services.Replace(ServiceDescriptor.Singleton<IAppendNotifier>(sp =>
            new BothReadSides(sp.GetRequiredService<RecentAppends>(), sp.GetRequiredService<IStreamProjector>(), sp.GetRequiredService<CatchUpProjector>())));
        return services.BuildServiceProvider();
    }

    private IConfiguration Configuration(string tablePrefix, bool shortcuts) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["SagaStorage"] = host.Azurite.ConnectionString,
        ["SagaStorage:TablePrefix"] = tablePrefix,
        [InProcessShortcuts.Setting] = shortcuts ? "true" : "false",
    }).Build();

    /// <summary>Every row of every views table, as text, without what differs by nature (ETag, Timestamp, UpdatedAt).</summary>
    private async Task<List<string>> RowsAsync(string prefix)
    {
        var rows = new List<string>();
        var service = new TableServiceClient(host.Azurite.ConnectionString);
        foreach (var table in ViewTableNames)
        {
            await foreach (var entity in service.GetTableClient(prefix + table).QueryAsync<TableEntity>())
            {
                var columns = entity.Where(c => c.Key is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp" or ViewColumns.UpdatedAt)).OrderBy(c => c.Key, StringComparer.Ordinal);
                rows.Add($"{table} {entity.PartitionKey}/{entity.RowKey} " + string.Join(" ", columns.Select(c => c.Key + "=" + Text(c.Value))));
            }
        }

        return rows;
    }

    private static string? Text(object? value) => value is DateTimeOffset at ? at.ToString("O", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture);

    /// <summary>
    /// Hands every append to both read sides without waiting (as the queue trigger would), and keeps
    /// its events for the shortcut side as the app's notifier does.
    /// </summary>
    private sealed class BothReadSides(RecentAppends recent, IStreamProjector on, CatchUpProjector anotherProcess) : IAppendNotifier
    {
        private readonly ConcurrentQueue<AppendNotification> _sent = new();
        private readonly ConcurrentQueue<Task> _passes = new();
        private int _count;

        public IStreamProjector? Off { get; set; }

        public Task NotifyAsync(string tableName, AppendResult append, CancellationToken cancellationToken)
        {
            if (append.Events is { } events)
            {
                recent.Record(tableName, events);
            }

            var notification = AppendNotification.Of(tableName, append);
            _sent.Enqueue(notification);
            Deliver(notification);
            if (Interlocked.Increment(ref _count) % 3 == 0)
            {
                _passes.Enqueue(Task.Run(() => anotherProcess.ProjectNotifiedAsync(notification, CancellationToken.None), CancellationToken.None));
            }

            return Task.CompletedTask;
        }

        public async Task DrainAsync()
        {
            while (_passes.TryDequeue(out var pass))
            {
                await pass;
            }
        }

        /// <summary>Every notification again, newest first: duplicates, out of order.</summary>
        public async Task DeliverAllAgainNewestFirstAsync()
        {
            foreach (var notification in _sent.Reverse())
            {
                Deliver(notification);
            }

            await DrainAsync();
        }

        private void Deliver(AppendNotification notification)
        {
            _passes.Enqueue(Task.Run(() => on.ProjectNotifiedAsync(notification, CancellationToken.None), CancellationToken.None));
            _passes.Enqueue(Task.Run(() => Off!.ProjectNotifiedAsync(notification, CancellationToken.None), CancellationToken.None));
        }
    }

    private sealed class RecordingPublisher(ConcurrentBag<string> messageIds) : IIntegrationEventPublisher
    {
        public Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
        {
            foreach (var e in events)
            {
                messageIds.Add(e.MessageId);
            }

            return Task.CompletedTask;
        }
    }
}
