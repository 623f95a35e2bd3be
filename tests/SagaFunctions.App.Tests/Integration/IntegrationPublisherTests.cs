using System.Text.Json;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.App.Platform.Queues;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Tests.Integration;

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
    public void A_service_bus_message_carries_its_events_trace_context_as_w3c_traceparent_and_in_its_body()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        using var data = JsonDocument.Parse("""{"orderId":"o-2"}""");
        var integrationEvent = new IntegrationEvent("o-2:place", "ordering.order-placed.v1", "order-o-2", 1, "o-2", DateTimeOffset.UnixEpoch, data.RootElement.Clone())
        {
            TraceParent = traceParent,
        };

        var message = ServiceBusIntegrationPublisher.ToMessage(integrationEvent);

        Assert.Equal(traceParent, message.ApplicationProperties["traceparent"]);
        Assert.Equal(traceParent, JsonSerializer.Deserialize(message.Body, IntegrationJsonContext.Default.IntegrationEvent)!.TraceParent);
        Assert.False(ServiceBusIntegrationPublisher.ToMessage(integrationEvent with { TraceParent = null }).ApplicationProperties.ContainsKey("traceparent"));
    }

    [Fact]
    public async Task With_service_bus_on_an_event_goes_to_the_topic_and_still_to_the_choreography_queue()
    {
        var sender = new RecordingSender();
        var publisher = new FanOutIntegrationPublisher(
        [
            new IntegrationTarget(IntegrationServices.ServiceBusConsumer, new ServiceBusIntegrationPublisher(sender)),
            new IntegrationTarget(IntegrationServices.StorageQueueConsumer, new StorageQueueIntegrationPublisher(host.Storage)),
        ]);
        var orderId = "fan-out-" + Guid.NewGuid().ToString("N");
        using var data = JsonDocument.Parse($$"""{"orderId":"{{orderId}}"}""");
        var integrationEvent = new IntegrationEvent(orderId + ":place", "ordering.order-placed.v1", "order-" + orderId, 1, orderId, DateTimeOffset.UnixEpoch, data.RootElement.Clone());

        await publisher.PublishAsync([integrationEvent], CancellationToken.None);

        Assert.Equal(orderId + ":place", Assert.Single(sender.Sent).MessageId);
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
        string[] expected = [$"{orderId}:place", $"{orderId}:credit", $"{orderId}:stock", $"{orderId}:approve"];

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

        var placed = seen[$"{orderId}:place"];
        Assert.Equal("ordering.order-placed.v1", placed.Type);
        Assert.Equal($"order-{orderId}", placed.StreamId);
        Assert.Equal(1, placed.Version);
        Assert.Equal(scenario.CustomerId, placed.Data.GetProperty("customerId").GetString());
        Assert.Equal($"customer-{scenario.CustomerId}", seen[$"{orderId}:credit"].StreamId);
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
    public async Task A_failing_service_bus_holds_up_neither_the_choreography_queue_nor_its_own_catch_up()
    {
        var stores = host.Get<EventStores>();
        var orderId = "sb-down-" + Guid.NewGuid().ToString("N");
        var streamId = "order-" + orderId;
        var placed = new Domain.Ordering.OrderPlaced(orderId, "c1", [new Domain.Ordering.OrderLine("SKU-1", 1, 10m)], 10m, "tok_visa", "orchestration", DateTimeOffset.UnixEpoch);
        await stores.Ordering.AppendAsync(streamId, EventStore.ExpectedVersion.NoStream, [new EventStore.NewEvent(orderId + ":place", placed)]);
        var events = new List<EventStore.RecordedEvent>();
        await foreach (var recorded in stores.Ordering.ReadForwardAsync(streamId))
        {
            events.Add(recorded);
        }

        var serviceBus = new SwitchableServiceBus();
        var relay = new IntegrationEventRelay(
        [
            new IntegrationTarget(IntegrationServices.StorageQueueConsumer, new StorageQueueIntegrationPublisher(host.Storage)),
            new IntegrationTarget(IntegrationServices.ServiceBusConsumer, new ServiceBusIntegrationPublisher(serviceBus)),
        ]);

        var none = await relay.ReadCheckpointsAsync(stores.Ordering, streamId, CancellationToken.None);
        await Assert.ThrowsAnyAsync<ServiceBusException>(() => relay.PublishAsync(stores.Ordering, none, events, CancellationToken.None));
        var afterOutage = await relay.ReadCheckpointsAsync(stores.Ordering, streamId, CancellationToken.None);
        serviceBus.Up = true;
        var recovered = await relay.PublishAsync(stores.Ordering, afterOutage, events, CancellationToken.None);

        Assert.Equal([1L, 0L], afterOutage.Select(c => c.Version));   // the queue went on; Service Bus stayed where it was
        Assert.Equal([1L, 1L], recovered.Select(c => c.Version));
        Assert.Equal([orderId + ":place"], serviceBus.Sent.Select(m => m.MessageId));
        Assert.Equal(1, await CountOnQueueAsync(orderId));            // the catch-up sent the queue nothing again
    }

    [Fact]
    public async Task A_backlog_larger_than_a_service_bus_batch_goes_in_several_batches_in_order()
    {
        var sender = new RecordingSender { MaxBatchMessages = 3 };
        var publisher = new ServiceBusIntegrationPublisher(sender);
        using var data = JsonDocument.Parse("""{"orderId":"o-big"}""");
        var events = Enumerable.Range(1, 8)
            .Select(v => new IntegrationEvent($"o-big:{v}", "ordering.order-placed.v1", "order-o-big", v, "o-big", DateTimeOffset.UnixEpoch, data.RootElement.Clone()))
            .ToList();

        await publisher.PublishAsync(events, CancellationToken.None);

        Assert.Equal([3, 3, 2], sender.Batches);
        Assert.Equal(events.Select(e => e.MessageId), sender.Sent.Select(m => m.MessageId));
    }

    private async Task<int> CountOnQueueAsync(string orderId)
    {
        var queue = host.Storage.Queue(StorageQueueIntegrationPublisher.QueueName);
        var count = 0;
        await ReadSideHost.EventuallyAsync(async () =>
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
            {
                count += QueueBatch.Read(message.Body.ToString(), IntegrationJsonContext.Default.IntegrationEvent).Count(e => e.OrderId == orderId);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            return count > 0 && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0;
        }, "the queue holds the event and nothing more");
        return count;
    }

    /// <summary>
    /// ServiceBusSender is mockable: a subclass that records instead of sending (there is no Service Bus
    /// emulator here). Its batches hold <see cref="MaxBatchMessages"/> messages at most, standing in for
    /// the entity's size limit; the SDK's model factory builds them with that rule.
    /// </summary>
    private class RecordingSender : ServiceBusSender
    {
        public List<ServiceBusMessage> Sent { get; } = [];

        public List<int> Batches { get; } = [];

        public int MaxBatchMessages { get; init; } = 100;

        private readonly Dictionary<ServiceBusMessageBatch, List<ServiceBusMessage>> _contents = [];

        public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CancellationToken cancellationToken = default)
        {
            var contents = new List<ServiceBusMessage>();
            var batch = ServiceBusModelFactory.ServiceBusMessageBatch(256 * 1024, contents, tryAddCallback: _ => contents.Count < MaxBatchMessages);
            _contents[batch] = contents;
            return ValueTask.FromResult(batch);
        }

        public override Task SendMessagesAsync(ServiceBusMessageBatch messageBatch, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(messageBatch);
            Send(_contents[messageBatch]);
            return Task.CompletedTask;
        }

        public override Task SendMessagesAsync(IEnumerable<ServiceBusMessage> messages, CancellationToken cancellationToken = default)
        {
            Send([.. messages]);
            return Task.CompletedTask;
        }

        protected virtual void Send(List<ServiceBusMessage> messages)
        {
            Batches.Add(messages.Count);
            Sent.AddRange(messages);
        }
    }

    /// <summary>A topic that refuses every send (403, as while a role assignment propagates) until it is up.</summary>
    private sealed class SwitchableServiceBus : RecordingSender
    {
        public bool Up { get; set; }

        protected override void Send(List<ServiceBusMessage> messages)
        {
            if (!Up)
            {
                throw new ServiceBusException("Unauthorized: the role assignment has not propagated yet.", ServiceBusFailureReason.GeneralError);
            }

            base.Send(messages);
        }
    }
}
