using SagaFunctions.EventStore;
using SagaFunctions.App.Platform.Shortcuts;

namespace SagaFunctions.App.ReadSide.SpeedUps;

/// <summary>
/// The events this process appended lately: per stream, the newest run of consecutive versions
/// (at most <see cref="MaxPerStream"/>: a pass rarely lags further behind, and a long-running host
/// then holds at most that many events per remembered stream). A projection pass in the same process takes the events it
/// needs from here instead of reading back what was just written. Only a shortcut: a stream
/// appended to by another process, or forgotten here, is read from the store.
/// </summary>
public sealed class RecentAppends(InProcessShortcuts shortcuts)
{
    public const int MaxPerStream = 16;

    private readonly BoundedCache<RecordedEvent[]> _tails = new(10_000, shortcuts);
    private readonly Lock _gate = new();

    /// <summary>Remembers a committed append's events (in version order).</summary>
    public void Record(string tableName, IReadOnlyList<RecordedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var key = Key(tableName, events[0].StreamId);
        lock (_gate)
        {
            if (!_tails.TryGet(key, out var tail))
            {
                _tails.Set(key, [.. events]);
            }
            else if (tail[^1].Version + 1 == events[0].Version)
            {
                _tails.Set(key, [.. tail.Concat(events).TakeLast(MaxPerStream)]);
            }
            else if (tail[^1].Version < events[^1].Version)
            {
                // A gap (another process appended in between): start a new run.
                _tails.Set(key, [.. events]);
            }
        }
    }

    /// <summary>
    /// The stream's events from <paramref name="fromVersion"/> on, when this process knows every one of
    /// them up to at least <paramref name="throughVersion"/>; else false (read the store).
    /// </summary>
    public bool TryGetFrom(string tableName, string streamId, long fromVersion, long throughVersion, out IReadOnlyList<RecordedEvent> events)
    {
        events = [];
        if (!_tails.TryGet(Key(tableName, streamId), out var tail) || tail[0].Version > fromVersion || tail[^1].Version < throughVersion)
        {
            return false;
        }

        events = [.. tail.Where(e => e.Version >= fromVersion)];
        return true;
    }

    private static string Key(string tableName, string streamId) => tableName + "/" + streamId;
}
