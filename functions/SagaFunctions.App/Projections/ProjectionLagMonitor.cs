using System.Collections.Concurrent;

namespace SagaFunctions.App.Projections;

/// <summary>What this process last saw one projection do.</summary>
public sealed record ProjectionActivity(DateTimeOffset LastAppliedEventAt, DateTimeOffset LastProjectedAt, TimeSpan LastLag, long EventsApplied);

/// <summary>
/// In-process record of the projection lag (event append → view row written), per projection.
/// Per instance: in Azure each instance knows its own; the pending markers in <c>GET /api/projections</c>
/// are the durable, global measure.
/// </summary>
public sealed class ProjectionLagMonitor
{
    private readonly ConcurrentDictionary<string, ProjectionActivity> _activity = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ProjectionActivity> Snapshot => _activity;

    public TimeSpan Record(string projection, DateTimeOffset lastEventAt, int applied, DateTimeOffset now)
    {
        var lag = now - lastEventAt;
        _activity.AddOrUpdate(
            projection,
            _ => new ProjectionActivity(lastEventAt, now, lag, applied),
            (_, previous) => new ProjectionActivity(
                lastEventAt > previous.LastAppliedEventAt ? lastEventAt : previous.LastAppliedEventAt, now, lag, previous.EventsApplied + applied));
        return lag;
    }
}
