namespace SagaFunctions.EventStore;

/// <summary>
/// An event (or snapshot) would not fit in one table entity (1 MiB). Raised before anything is written.
/// </summary>
public sealed class EventTooLargeException : Exception
{
    public EventTooLargeException(string eventId, long sizeBytes, long limitBytes)
        : base($"Event '{eventId}' needs about {sizeBytes} bytes of table entity, over the limit of {limitBytes} bytes. " +
               "Store large payloads elsewhere (e.g. a blob) and put a reference in the event.")
    {
        EventId = eventId;
        SizeBytes = sizeBytes;
        LimitBytes = limitBytes;
    }

    public string EventId { get; }

    public long SizeBytes { get; }

    public long LimitBytes { get; }
}
