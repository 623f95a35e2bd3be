using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SagaFunctions.EventStore.Serialization;

namespace SagaFunctions.EventStore;

/// <summary>
/// Maps stable event type names to CLR types and their source-generated <see cref="JsonTypeInfo"/>.
/// Stored events carry the name, never the CLR type name, so renaming or moving a C# type does not
/// break stored streams. Old names (old event versions) are read through registered upcasters.
/// Register everything at startup; the registry is read concurrently afterwards.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, JsonTypeInfo> _typeInfoByName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _nameByType = [];
    private readonly Dictionary<string, Func<JsonElement, object>> _upcasterByName = new(StringComparer.Ordinal);

    /// <summary>Registers <typeparamref name="TEvent"/> under <paramref name="name"/> (e.g. "V1.OrderPlaced").</summary>
    public EventTypeRegistry Register<TEvent>(string name, JsonTypeInfo<TEvent> typeInfo)
        where TEvent : notnull => Register(name, (JsonTypeInfo)typeInfo);

    /// <summary>Registers the type of <paramref name="typeInfo"/> under <paramref name="name"/>.</summary>
    public EventTypeRegistry Register(string name, JsonTypeInfo typeInfo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (_typeInfoByName.ContainsKey(name) || _upcasterByName.ContainsKey(name))
        {
            throw new ArgumentException($"Event type name '{name}' is already registered.", nameof(name));
        }

        if (!_nameByType.TryAdd(typeInfo.Type, name))
        {
            throw new ArgumentException($"Type {typeInfo.Type} is already registered as '{_nameByType[typeInfo.Type]}'.", nameof(name));
        }

        _typeInfoByName.Add(name, typeInfo);
        return this;
    }

    /// <summary>
    /// Reads events stored under an old type name by converting their JSON into a current event.
    /// The name must not also be a registered (current) type.
    /// </summary>
    public EventTypeRegistry RegisterUpcaster(string oldName, Func<JsonElement, object> upcast)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(oldName);
        ArgumentNullException.ThrowIfNull(upcast);
        if (_typeInfoByName.ContainsKey(oldName) || !_upcasterByName.TryAdd(oldName, upcast))
        {
            throw new ArgumentException($"Event type name '{oldName}' is already registered.", nameof(oldName));
        }

        return this;
    }

    /// <summary>The stable name <paramref name="eventType"/> is stored under.</summary>
    public string NameOf(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return _nameByType.TryGetValue(eventType, out var name) ? name : throw new UnknownEventTypeException(eventType.FullName ?? eventType.Name);
    }

    /// <summary>True when events stored under <paramref name="name"/> can be read.</summary>
    public bool CanRead(string name) => _typeInfoByName.ContainsKey(name) || _upcasterByName.ContainsKey(name);

    internal SerializedEvent Serialize(object data)
    {
        var name = NameOf(data.GetType());
        return new SerializedEvent(name, JsonSerializer.SerializeToUtf8Bytes(data, _typeInfoByName[name]));
    }

    internal object Deserialize(string name, ReadOnlySpan<byte> json)
    {
        if (_typeInfoByName.TryGetValue(name, out var typeInfo))
        {
            return JsonSerializer.Deserialize(json, typeInfo)
                ?? throw new JsonException($"Stored event of type '{name}' is JSON null.");
        }

        if (_upcasterByName.TryGetValue(name, out var upcast))
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return upcast(document.RootElement);
        }

        throw new UnknownEventTypeException($"'{name}'");
    }
}
