using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using SagaFunctions.App.Choreography;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain;
using SagaFunctions.App.Platform.Queues;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Choreography;

/// <summary>At-least-once delivery, other orders' events and messages that keep failing.</summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class DeliveryTests(AppHostFixture host)
{
    private readonly SagaDriver _driver = new(host);

    [Fact]
    public async Task Delivering_every_event_of_a_finished_saga_again_changes_nothing()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 2)], token: "tok_declined", style: "choreography");
        await _driver.WaitForFinalOrderAsync(orderId);
        var before = await SnapshotAsync(orderId, customer, sku);
        var saga = await host.Get<ChoreographySagaView>().ReadAsync(orderId, CancellationToken.None);

        var observed = saga!.Events.Select(e => new IntegrationEvent(e.MessageId, e.Type, e.StreamId, e.Version, orderId, e.OccurredAt, e.Data)).ToList();
        foreach (var integrationEvent in observed)
        {
            // Each twice through the handlers, and twice more through the queue.
            await host.Get<ChoreographyRouter>().RouteAsync(integrationEvent, CancellationToken.None);
            await host.Get<ChoreographyRouter>().RouteAsync(integrationEvent, CancellationToken.None);
        }

        await host.Get<IIntegrationEventPublisher>().PublishAsync(observed, CancellationToken.None);
        await QueueDrainedAsync(StorageQueueIntegrationPublisher.QueueName);

        Assert.Equal(before, await SnapshotAsync(orderId, customer, sku));
    }

    [Fact]
    public async Task Every_event_of_a_finished_saga_again_in_one_message_changes_nothing_and_poisons_nothing()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 1)], style: "choreography");
        await _driver.WaitForFinalOrderAsync(orderId);
        var before = await SnapshotAsync(orderId, customer, sku);
        var saga = await host.Get<ChoreographySagaView>().ReadAsync(orderId, CancellationToken.None);

        // The form the publisher gives events that arrive while a send is in flight.
        var batch = QueueBatch.Join(saga!.Events
            .Select(e => JsonSerializer.Serialize(new IntegrationEvent(e.MessageId, e.Type, e.StreamId, e.Version, orderId, e.OccurredAt, e.Data), IntegrationJsonContext.Default.IntegrationEvent))
            .ToList());
        await Queue(StorageQueueIntegrationPublisher.QueueName).SendMessageAsync(batch);
        await QueueDrainedAsync(StorageQueueIntegrationPublisher.QueueName);

        Assert.Equal(before, await SnapshotAsync(orderId, customer, sku));
        var poison = Queue(StorageQueueIntegrationPublisher.QueueName + "-poison");
        var poisoned = (await poison.ExistsAsync()).Value ? (await poison.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList() : [];
        Assert.DoesNotContain(batch, poisoned);
    }

    [Fact]
    public async Task An_orchestrated_order_is_not_driven_by_the_choreography_handlers()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 2)], token: "tok_declined", style: "orchestration");
        var order = await _driver.WaitForFinalOrderAsync(orderId);
        await QueueDrainedAsync(StorageQueueIntegrationPublisher.QueueName);

        Assert.Equal(("REJECTED", "PAYMENT_DECLINED"), (order.Status, order.RejectionReason));
        Assert.Empty(await host.Get<ChoreographyEventLog>().ReadAsync(orderId, CancellationToken.None));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
        var saga = await _driver.SagaAsync(orderId);
        Assert.Equal("orchestration", saga.GetProperty("style").GetString());
    }

    [Fact]
    public async Task A_message_that_keeps_failing_goes_to_the_poison_queue()
    {
        var marker = "not-an-event-" + Guid.NewGuid().ToString("N");
        var queue = Queue(StorageQueueIntegrationPublisher.QueueName);
        await queue.SendMessageAsync(marker);

        var poison = Queue(StorageQueueIntegrationPublisher.QueueName + "-poison");
        await Eventually.ValueAsync(
            async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == marker),
            found => found,
            "the malformed message is in the poison queue");
    }

    private QueueClient Queue(string name) =>
        new(host.Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>Waits until the queue holds no message, visible or in flight (bounded).</summary>
    private async Task QueueDrainedAsync(string name)
    {
        var queue = Queue(name);
        await Eventually.ValueAsync(
            async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount,
            count => count == 0,
            $"queue {name} is drained");
    }

    /// <summary>Everything a redelivery could change: stream heads, balances and the choreography log.</summary>
    private async Task<string> SnapshotAsync(string orderId, string customer, string sku)
    {
        var aggregates = new AppStreams(host.Host.Services);
        var log = await host.Get<ChoreographyEventLog>().ReadAsync(orderId, CancellationToken.None);
        var text = new StringBuilder();
        text.Append("order v").Append((await aggregates.Orders.LoadAsync(StreamNames.Order(orderId))).Version);
        text.Append(" payment v").Append((await aggregates.Payments.LoadAsync(StreamNames.Payment(orderId))).Version);
        text.Append(" customer v").Append((await aggregates.Customers.LoadAsync(StreamNames.Customer(customer))).Version);
        text.Append(" product v").Append((await aggregates.Products.LoadAsync(StreamNames.Product(sku))).Version);
        text.Append(" credit ").Append(await _driver.AvailableCreditAsync(customer));
        text.Append(" stock ").Append(await _driver.AvailableStockAsync(sku));
        text.Append(" log ").Append(JsonSerializer.Serialize(log.Select(e => e.Type + "@" + e.OccurredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Order()));
        return text.ToString();
    }
}
