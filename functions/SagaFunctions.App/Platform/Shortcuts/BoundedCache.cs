using System.Collections.Concurrent;

namespace SagaFunctions.App.Platform.Shortcuts;

/// <summary>
/// An in-process memory keyed by id (ordinal), for things that are only ever a shortcut: the last
/// state written to a stream, a product's price, how far a stream was projected. Bounded the
/// simplest way: when a new key would pass <see cref="Capacity"/>, everything is forgotten and
/// re-learned, which costs reads, never correctness. With <see cref="InProcessShortcuts"/> off it
/// remembers nothing.
/// </summary>
public sealed class BoundedCache<TValue>(int capacity, InProcessShortcuts shortcuts)
{
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity;

    public bool TryGet(string key, out TValue value)
    {
        if (shortcuts.Enabled)
        {
            return _entries.TryGetValue(key, out value!);
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value)
    {
        if (shortcuts.Enabled)
        {
            MakeRoomFor(key);
            _entries[key] = value;
        }
    }

    public TValue GetOrAdd(string key, Func<string, TValue> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (!shortcuts.Enabled)
        {
            return create(key);
        }

        MakeRoomFor(key);
        return _entries.GetOrAdd(key, create);
    }

    public void Forget(string key) => _entries.TryRemove(key, out _);

    /// <summary>Forgets <paramref name="key"/> only while it still holds <paramref name="value"/>.</summary>
    public void Forget(string key, TValue value) => _entries.TryRemove(new KeyValuePair<string, TValue>(key, value));

    private void MakeRoomFor(string key)
    {
        if (_entries.Count >= Capacity && !_entries.ContainsKey(key))
        {
            _entries.Clear();
        }
    }
}
