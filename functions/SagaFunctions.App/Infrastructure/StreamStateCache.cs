using System.Collections.Concurrent;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Infrastructure;

/// <summary>
/// The last state this process wrote to each stream, so the next command on a hot stream (a popular
/// product, a busy customer) decides without reading the stream again. It is only ever a guess: an
/// append from it still expects the cached version, so a writer in another process makes it
/// conflict, and the command reloads. Bounded: past <see cref="Capacity"/> streams it starts over.
/// </summary>
public sealed class StreamStateCache<TState>
    where TState : notnull
{
    public const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, AggregateState<TState>> _states = new(StringComparer.Ordinal);

    public bool TryGet(string streamId, out AggregateState<TState> state) => _states.TryGetValue(streamId, out state!);

    public void Set(string streamId, AggregateState<TState> state)
    {
        if (_states.Count >= Capacity && !_states.ContainsKey(streamId))
        {
            _states.Clear();
        }

        _states[streamId] = state;
    }

    public void Forget(string streamId) => _states.TryRemove(streamId, out _);
}
