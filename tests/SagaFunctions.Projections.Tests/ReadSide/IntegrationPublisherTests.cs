using System.Text.Json;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.App.Integration;
using SagaFunctions.Projections.Tests.Hosting;

namespace SagaFunctions.Projections.Tests.ReadSide;

[Collection(ReadSideHostDefinition.Name)]
public sealed class IntegrationPublisherTests(ReadSideHost host)
{
    [Fact]
    public async Task The_service_bus_publisher_sets_id_subject_content_type_correlation_and_session()
    {
        var sender = new RecordingSender();
        var publisher = new ServiceBusIntegrationPublisher(sender);
        using var data = JsonDocument.Parse("""{"orderId":"o-1","reason":"OUT_OF_STOCK"}""");
        var integrationEvent = new IntegrationEvent("o-1:reject:0", "ordering.order-rejected.v1", "order-o-1", 2, "o-1", DateTimeOffset.UnixEpoch, data.RootElement.Clone());

        await publisher.PublishAsync([integrationEvent], CancellationToken.None);

        var message = Assert.Single(sender.Sent);
        Assert.Equal("o-1:reject:0", message.MessageId);
        Assert.Equal("ordering.order-rejected.v1", message.Subject);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("o-1", message.CorrelationId);
        Assert.Equal("o-1", message.SessionId);
        var body = JsonSerializer.Deserialize(message.Body, IntegrationJsonContext.Default.IntegrationEvent)!;
        Assert.Equal("order-o-1", body.StreamId);
        Assert.Equal("OUT_OF_STOCK", body.Data.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task With_service_bus_on_an_event_goes_to_the_topic_and_still_to_the_choreography_queue()
    {
        var sender = new RecordingSender();
        var publisher = new FanOutIntegrationPublisher([new ServiceBusIntegrationPublisher(sender), new StorageQueueIntegrationPublisher(host.Storage)]);
        var orderId = "fan-out-" + Guid.NewGuid().ToString("N");
        using var data = JsonDocument.Parse($$"""{"orderId":"{{orderId}}"}""");
        var integrationEvent = new IntegrationEvent(orderId + ":place:0", "ordering.order-placed.v1", "order-" + orderId, 1, orderId, DateTimeOffset.UnixEpoch, data.RootElement.Clone());

        await publisher.PublishAsync([integrationEvent], CancellationToken.None);

        Assert.Equal(orderId + ":place:0", Assert.Single(sender.Sent).MessageId);
        var queue = host.Storage.Queue(StorageQueueIntegrationPublisher.QueueName);
        var found = false;
        await ReadSideHost.EventuallyAsync(async () =>
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
            {
                found |= QueueBatch.Read(message.Body.ToString(), IntegrationJsonContext.Default.IntegrationEvent).Any(e => e.OrderId == orderId);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            return found;
        }, "the event on the choreography's storage queue");
        Assert.True(found);
    }

    [Fact]
    public async Task Every_order_event_reaches_the_storage_queue_with_its_event_id_as_message_id()
    {
        var scenario = new Scenario(host.Aggregates);
        await scenario.RegisterCustomerAsync();
        await scenario.AddProductAsync();
        var orderId = await scenario.PlaceApprovedOrderAsync(quantity: 1);
        string[] expected = [$"{orderId}:place:0", $"{orderId}:credit:0", $"{orderId}:stock:0", $"{orderId}:approve:0"];

        var queue = host.Storage.Queue(StorageQueueIntegrationPublisher.QueueName);
        var seen = new Dictionary<string, IntegrationEvent>();
        await ReadSideHost.EventuallyAsync(async () =>
        {
            if (!(await queue.ExistsAsync()).Value)
            {
                return false;
            }

            foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
            {
                foreach (var envelope in QueueBatch.Read(message.Body.ToString(), IntegrationJsonContext.Default.IntegrationEvent).Where(e => e.OrderId == orderId))
                {
                    seen[envelope.MessageId] = envelope;
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            return expected.All(seen.ContainsKey);
        }, "all four events of the order are published");

        var placed = seen[$"{orderId}:place:0"];
        Assert.Equal("ordering.order-placed.v1", placed.Type);
        Assert.Equal($"order-{orderId}", placed.StreamId);
        Assert.Equal(1, placed.Version);
        Assert.Equal(scenario.CustomerId, placed.Data.GetProperty("customerId").GetString());
        Assert.Equal($"customer-{scenario.CustomerId}", seen[$"{orderId}:credit:0"].StreamId);
    }

    [Fact]
    public async Task Events_published_while_a_send_is_in_flight_share_messages_and_each_arrives_once_in_order()
    {
        var publisher = new StorageQueueIntegrationPublisher(host.Storage);
        var orderId = "batched-" + Guid.NewGuid().ToString("N");
        using var data = JsonDocument.Parse($$"""{"orderId":"{{orderId}}"}""");
        var events = Enumerable.Range(1, 20)
            .Select(v => new IntegrationEvent($"{orderId}:{v}", "ordering.order-placed.v1", "order-" + orderId, v, orderId, DateTimeOffset.UnixEpoch, data.RootElement.Clone()))
            .ToList();

        // All at once, as the projection passes of many streams publish under load.
        await Task.WhenAll(events.Select(e => publisher.PublishAsync([e], CancellationToken.None)));

        var queue = host.Storage.Queue(StorageQueueIntegrationPublisher.QueueName);
        var arrived = new List<long>();
        var messages = 0;
        await ReadSideHost.EventuallyAsync(async () =>
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
            {
                var ours = QueueBatch.Read(message.Body.ToString(), IntegrationJsonContext.Default.IntegrationEvent).Where(e => e.OrderId == orderId).ToList();
                messages += ours.Count > 0 ? 1 : 0;
                arrived.AddRange(ours.Select(e => e.Version));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            return arrived.Count >= events.Count;
        }, "all twenty events arrive");

        Assert.Equal(Enumerable.Range(1, 20).Select(v => (long)v), arrived.Order());
        Assert.True(messages <= events.Count / 2, $"{events.Count} events came in {messages} messages");
    }

    [Fact]
    public async Task A_stream_whose_checkpoint_an_earlier_build_kept_in_its_own_table_starts_from_there()
    {
        var stores = host.Get<EventStores>();
        var streamId = "order-legacy-" + Guid.NewGuid().ToString("N");
        var legacy = host.Storage.Table(IntegrationEventRelay.LegacyTableName);
        await legacy.CreateIfNotExistsAsync();
        await legacy.AddEntityAsync(new TableEntity(stores.Ordering.TableName + ":" + streamId, "published") { ["Version"] = 7L });
        var relay = new IntegrationEventRelay(host.Storage, host.Get<IIntegrationEventPublisher>());

        var fromLegacy = await relay.ReadCheckpointAsync(stores.Ordering, streamId, CancellationToken.None);
        var stored = await IntegrationEventRelay.RecordAsync(stores.Ordering, fromLegacy, 9, null, CancellationToken.None);
        var fromStream = await relay.ReadCheckpointAsync(stores.Ordering, streamId, CancellationToken.None);

        Assert.Equal((7L, (string?)null), (fromLegacy.Version, fromLegacy.ConcurrencyToken));
        Assert.Equal(9, stored.Version);
        Assert.Equal((9L, stored.ConcurrencyToken), (fromStream.Version, fromStream.ConcurrencyToken));
    }

    /// <summary>ServiceBusSender is mockable: a subclass that records instead of sending.</summary>
    private sealed class RecordingSender : ServiceBusSender
    {
        public List<ServiceBusMessage> Sent { get; } = [];

        public override Task SendMessagesAsync(IEnumerable<ServiceBusMessage> messages, CancellationToken cancellationToken = default)
        {
            Sent.AddRange(messages);
            return Task.CompletedTask;
        }
    }
}
