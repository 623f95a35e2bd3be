using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// Finds markers whose notification never came (crash between commit and enqueue, a failed send)
/// and projects their streams. Markers younger than the grace period (setting
/// <c>ProjectionSweep__Grace</c>, default 1 minute) are left to their notification, which is on its
/// way: under load notifications wait in the queue for seconds, and a sweep that projected them too
/// would publish their integration events twice and double the projection work when it is scarcest.
/// A marker announces an append before it is written; one whose stream is still short of its version
/// long after (<c>ProjectionSweep__StaleMarkerAfter</c>, default 5 minutes: an append is one request,
/// and a retried command announces again) belongs to an append that never committed, and is dropped.
/// </summary>
public sealed partial class ProjectionSweeper(EventStores stores, IStreamProjector projector, TimeProvider time, IConfiguration configuration, ILogger<ProjectionSweeper> logger)
{
    private const int Parallelism = 8;

    private TimeSpan Grace => configuration.GetValue("ProjectionSweep:Grace", TimeSpan.FromMinutes(1));

    private TimeSpan StaleMarkerAfter => configuration.GetValue("ProjectionSweep:StaleMarkerAfter", TimeSpan.FromMinutes(5));

    /// <summary>Projects every stream with a marker older than the grace period; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await stores.EnsureCreatedAsync();
        var swept = 0;
        foreach (var store in stores.All)
        {
            var cutoff = time.GetUtcNow() - Grace;
            var due = new List<EventStore.ProjectionMarker>();
            await foreach (var marker in store.ListPendingMarkersAsync(cancellationToken))
            {
                if (marker.AppendedAt <= cutoff)
                {
                    due.Add(marker);
                }
            }

            var stale = time.GetUtcNow() - StaleMarkerAfter;
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (marker, ct) =>
            {
                var projected = await projector.ProjectAsync(store.TableName, marker.StreamId, marker, ct);
                if (projected < marker.Version && marker.AppendedAt <= stale)
                {
                    await store.ClearMarkerAsync(marker.StreamId, marker, ct);
                }
            });
            swept += due.Count;
        }

        if (swept > 0)
        {
            LogSwept(logger, swept);
        }

        return swept;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep projected {Count} stream(s) whose notification was lost or late")]
    private static partial void LogSwept(ILogger logger, int count);
}
