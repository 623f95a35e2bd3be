using System.Text.Json;
using Azure.Messaging.ServiceBus;

namespace SagaFunctions.App.Integration;

/// <summary>
/// Azure transport: a Service Bus topic (duplicate detection on, sessions by order). MessageId = event
/// id, Subject = event type, CorrelationId = SessionId = order id; the body is the same envelope as locally.
/// </summary>
public sealed class ServiceBusIntegrationPublisher(ServiceBusSender sender) : IIntegrationEventPublisher
{
    public const string ContentType = "application/json";

    public async Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        // A stream's events share one order id, so they go in one send to one session, in order.
        await sender.SendMessagesAsync(events.Select(ToMessage).ToList(), cancellationToken);
    }

    public static ServiceBusMessage ToMessage(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var message = new ServiceBusMessage(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(integrationEvent, IntegrationJsonContext.Default.IntegrationEvent)))
        {
            MessageId = integrationEvent.MessageId,
            Subject = integrationEvent.Type,
            ContentType = ContentType,
            CorrelationId = integrationEvent.OrderId,
            SessionId = integrationEvent.OrderId,
        };
        message.ApplicationProperties["streamId"] = integrationEvent.StreamId;
        message.ApplicationProperties["version"] = integrationEvent.Version;
        return message;
    }
}
