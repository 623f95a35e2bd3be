namespace SagaFunctions.EventStore;

/// <summary>
/// An append reused an event id already stored in the stream, but with different data (or type):
/// a retry must send the same event, so this is a caller bug, not a retry. Nothing was written.
/// </summary>
public sealed class EventIdConflictException : Exception
{
    public EventIdConflictException(string streamId, string eventId, string reason)
        : base($"Event id '{eventId}' is already stored in stream '{streamId}': {reason}")
    {
        StreamId = streamId;
        EventId = eventId;
    }

    public string StreamId { get; }

    public string EventId { get; }
}
