using System.Text.Json;
using Azure.Messaging.ServiceBus;

namespace SagaFunctions.App.Integration;

/// <summary>
/// Azure transport: a Service Bus topic (duplicate detection on, sessions by order). MessageId = event
/// id, Subject = event type, CorrelationId = SessionId = order id; the body is the same envelope as locally.
/// Events go in batches that stay under the entity's size limit (<see cref="ServiceBusMessageBatch"/>):
/// a hot stream's backlog after an outage is sent as several batches, in order, not refused whole.
/// </summary>
public sealed class ServiceBusIntegrationPublisher(ServiceBusSender sender) : IIntegrationEventPublisher
{
    public const string ContentType = "application/json";

    public async Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ServiceBusMessageBatch? batch = null;
        try
        {
            foreach (var integrationEvent in events)
            {
                var message = ToMessage(integrationEvent);
                if (batch is not null && batch.TryAddMessage(message))
                {
                    continue;
                }

                // Full (or none yet): send what it holds (a stream's events share one session, so they
                // arrive in order) and start the next with this event.
                if (batch is not null)
                {
                    await sender.SendMessagesAsync(batch, cancellationToken);
                    batch.Dispose();
                }

                batch = await sender.CreateMessageBatchAsync(cancellationToken);
                if (!batch.TryAddMessage(message))
                {
                    throw new InvalidOperationException($"Event {integrationEvent.MessageId} alone is larger than a Service Bus message may be ({batch.MaxSizeInBytes} bytes).");
                }
            }

            if (batch is { Count: > 0 })
            {
                await sender.SendMessagesAsync(batch, cancellationToken);
            }
        }
        finally
        {
            batch?.Dispose();
        }
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
        if (integrationEvent.TraceParent is { } traceParent)
        {
            // W3C Trace Context for AMQP: a consumer of any language restores the order's trace from it.
            message.ApplicationProperties["traceparent"] = traceParent;
        }

        return message;
    }
}
