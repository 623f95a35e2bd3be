using System.Text.Json;

namespace SagaFunctions.App.Integration;

/// <summary>
/// A domain event as other contexts see it: the envelope on the <c>order-events</c> queue, and the
/// body of a Service Bus message. <paramref name="MessageId"/> is the event id, so a consumer can
/// drop the duplicates at-least-once delivery brings; <paramref name="OrderId"/> is the
/// correlation and session key. <see cref="TraceParent"/> is the W3C trace context of the work that
/// recorded the event, so its consumers join the order's trace (queues carry no context of their own).
/// </summary>
public sealed record IntegrationEvent(
    string MessageId,
    string Type,
    string StreamId,
    long Version,
    string OrderId,
    DateTimeOffset OccurredAt,
    JsonElement Data)
{
    public string? TraceParent { get; init; }
}
