using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;

namespace SagaFunctions.Domain.Serialization;

/// <summary>
/// Maps stable event type names to CLR types and their source-generated JSON metadata, so that an
/// event store can register them (see <see cref="RegisterAll"/>). Names and types are unique within a map.
/// </summary>
public sealed class EventTypeMap
{
    private readonly Dictionary<string, EventTypeEntry> _entriesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _namesByType = [];
    private readonly Dictionary<string, Type> _typesByName = new(StringComparer.Ordinal);

    public EventTypeMap(params IEnumerable<EventTypeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            if (!_entriesByName.TryAdd(entry.TypeName, entry))
            {
                throw new ArgumentException($"Event type name '{entry.TypeName}' is mapped twice.", nameof(entries));
            }

            if (!_namesByType.TryAdd(entry.Type, entry.TypeName))
            {
                throw new ArgumentException($"Event type {entry.Type} is mapped twice.", nameof(entries));
            }

            _typesByName.Add(entry.TypeName, entry.Type);
        }
    }

    /// <summary>The entries in registration order.</summary>
    public IReadOnlyCollection<EventTypeEntry> Entries => _entriesByName.Values;

    public IReadOnlyDictionary<string, Type> TypesByName => _typesByName;

    public IReadOnlyDictionary<Type, string> NamesByType => _namesByType;

    /// <summary>An entry for <typeparamref name="TEvent"/> stored under <paramref name="typeName"/>.</summary>
    public static EventTypeEntry Entry<TEvent>(string typeName, JsonTypeInfo<TEvent> typeInfo)
        where TEvent : class, IDomainEvent => new EventTypeEntry<TEvent>(typeName, typeInfo);

    /// <summary>One map with the entries of all <paramref name="maps"/> (names and types must stay unique).</summary>
    public static EventTypeMap Combine(params IEnumerable<EventTypeMap> maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        return new EventTypeMap(maps.SelectMany(m => m.Entries));
    }

    public bool TryGetType(string typeName, [NotNullWhen(true)] out Type? eventType) =>
        _typesByName.TryGetValue(typeName, out eventType);

    public bool TryGetTypeName(Type eventType, [NotNullWhen(true)] out string? typeName) =>
        _namesByType.TryGetValue(eventType, out typeName);

    /// <summary>The stable name of an event type; throws for a type that is not in the map.</summary>
    public string GetTypeName(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return _namesByType.TryGetValue(eventType, out var name)
            ? name
            : throw new ArgumentException($"Event type {eventType} is not mapped.", nameof(eventType));
    }

    /// <summary>The type of a stable event name; throws for a name that is not in the map.</summary>
    public Type GetType(string typeName) => GetEntry(typeName).Type;

    /// <summary>The JSON metadata of the event stored under <paramref name="typeName"/>.</summary>
    public JsonTypeInfo GetJsonTypeInfo(string typeName) => GetEntry(typeName).JsonTypeInfo;

    /// <summary>Registers every entry, generically typed, with an event store's registry.</summary>
    public void RegisterAll(IEventTypeRegistrar registrar)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        foreach (var entry in _entriesByName.Values)
        {
            entry.RegisterWith(registrar);
        }
    }

    private EventTypeEntry GetEntry(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        return _entriesByName.TryGetValue(typeName, out var entry)
            ? entry
            : throw new ArgumentException($"Event type name '{typeName}' is not mapped.", nameof(typeName));
    }
}

/// <summary>One stable event name with its CLR type and source-generated JSON metadata.</summary>
public abstract class EventTypeEntry
{
    private protected EventTypeEntry(string typeName, Type type, JsonTypeInfo jsonTypeInfo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        TypeName = typeName;
        Type = type;
        JsonTypeInfo = jsonTypeInfo;
    }

    public string TypeName { get; }

    public Type Type { get; }

    public JsonTypeInfo JsonTypeInfo { get; }

    internal abstract void RegisterWith(IEventTypeRegistrar registrar);
}

internal sealed class EventTypeEntry<TEvent>(string typeName, JsonTypeInfo<TEvent> typeInfo)
    : EventTypeEntry(typeName, typeof(TEvent), typeInfo ?? throw new ArgumentNullException(nameof(typeInfo)))
    where TEvent : class, IDomainEvent
{
    internal override void RegisterWith(IEventTypeRegistrar registrar) => registrar.Register(TypeName, typeInfo);
}

/// <summary>
/// Receives event registrations with their generic type, e.g. an adapter over the event store's
/// <c>EventTypeRegistry.Register&lt;TEvent&gt;(name, JsonTypeInfo&lt;TEvent&gt;)</c>.
/// </summary>
public interface IEventTypeRegistrar
{
    void Register<TEvent>(string typeName, JsonTypeInfo<TEvent> typeInfo)
        where TEvent : class, IDomainEvent;
}
