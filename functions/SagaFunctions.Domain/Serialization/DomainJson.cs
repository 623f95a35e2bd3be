using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SagaFunctions.Domain.Serialization;

/// <summary>
/// Event (de)serialization by stable type name through <see cref="DomainJsonContext"/> (no reflection).
/// </summary>
public static class DomainJson
{
    /// <summary>The JSON metadata of an event, state or contract type in <see cref="DomainJsonContext"/>.</summary>
    public static JsonTypeInfo GetTypeInfo(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return DomainJsonContext.Default.GetTypeInfo(type)
            ?? throw new ArgumentException($"{type} is not in {nameof(DomainJsonContext)}.", nameof(type));
    }

    /// <summary>The stable type name of <paramref name="event"/>.</summary>
    public static string TypeNameOf(IDomainEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return DomainEventTypes.All.GetTypeName(@event.GetType());
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

    /// <summary>Deserializes the event stored under <paramref name="typeName"/>.</summary>
    /// <exception cref="ArgumentException">Unknown type name.</exception>
    /// <exception cref="JsonException">Invalid JSON, or JSON <c>null</c>.</exception>
    public static IDomainEvent DeserializeEvent(string typeName, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, DomainEventTypes.All.GetJsonTypeInfo(typeName)) as IDomainEvent
            ?? throw new JsonException($"Event '{typeName}' deserialized to null.");
    }

    /// <inheritdoc cref="DeserializeEvent(string, string)"/>
    public static IDomainEvent DeserializeEvent(string typeName, ReadOnlySpan<byte> utf8Json)
    {
        return JsonSerializer.Deserialize(utf8Json, DomainEventTypes.All.GetJsonTypeInfo(typeName)) as IDomainEvent
            ?? throw new JsonException($"Event '{typeName}' deserialized to null.");
    }
}
