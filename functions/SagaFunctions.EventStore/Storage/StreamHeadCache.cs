using System.Collections.Concurrent;

namespace SagaFunctions.EventStore.Storage;

/// <summary>
/// The last head this process wrote or read per stream, so an append with the expected version can
/// go straight to the transaction (one round trip) instead of reading the head first. Always safe:
/// the transaction's If-Match on the head ETag rejects a stale entry, which is then dropped and reread.
/// </summary>
internal sealed class StreamHeadCache
{
    /// <summary>Bounded so a long-running host touching many streams does not grow without limit.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, StreamHead> _heads = new(StringComparer.Ordinal);

    public bool TryGet(string streamId, out StreamHead head) => _heads.TryGetValue(streamId, out head);

    public void Set(string streamId, StreamHead head)
    {
        if (_heads.Count >= MaxEntries)
        {
            _heads.Clear();
        }

        _heads[streamId] = head;
    }

    public void Forget(string streamId) => _heads.TryRemove(streamId, out _);
}
