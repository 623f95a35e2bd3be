namespace SagaFunctions.EventStore;

/// <summary>An event's CLR type (on write) or stored type name (on read) is not in the <see cref="EventTypeRegistry"/>.</summary>
public sealed class UnknownEventTypeException : Exception
{
    public UnknownEventTypeException(string typeDescription)
        : base($"Event type {typeDescription} is not registered in the EventTypeRegistry (register it, or an upcaster for it).")
    {
        TypeDescription = typeDescription;
    }

    public string TypeDescription { get; }
}
