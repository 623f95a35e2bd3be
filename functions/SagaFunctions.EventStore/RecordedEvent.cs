namespace SagaFunctions.EventStore;

/// <summary>An event as stored: its position in the stream, its stable type name and its data.</summary>
public sealed record RecordedEvent(
    string StreamId,
    long Version,
    string EventId,
    string EventType,
    object Data,
    DateTimeOffset Timestamp,
    string? CorrelationId,
    string? CausationId);
