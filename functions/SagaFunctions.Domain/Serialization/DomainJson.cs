using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SagaFunctions.Domain.Serialization;

/// <summary>Event and state JSON through <see cref="DomainJsonContext"/> (no reflection).</summary>
public static class DomainJson
{
    /// <summary>The JSON metadata of an event, state or contract type in <see cref="DomainJsonContext"/>.</summary>
    public static JsonTypeInfo GetTypeInfo(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return DomainJsonContext.Default.GetTypeInfo(type)
            ?? throw new ArgumentException($"{type} is not in {nameof(DomainJsonContext)}.", nameof(type));
    }

    public static string SerializeEvent(IDomainEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return JsonSerializer.Serialize(@event, GetTypeInfo(@event.GetType()));
    }

    public static byte[] SerializeEventToUtf8Bytes(IDomainEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return JsonSerializer.SerializeToUtf8Bytes(@event, GetTypeInfo(@event.GetType()));
    }
}
