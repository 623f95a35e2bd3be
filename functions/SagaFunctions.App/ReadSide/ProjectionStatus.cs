using SagaFunctions.App.Platform.Queues;

namespace SagaFunctions.App.ReadSide;

/// <summary>Body of <c>GET /api/projections</c>.</summary>
public sealed record ProjectionStatus(GenerationPointer Generation, IReadOnlyList<ProjectionLag> Projections, IReadOnlyList<EventTableBacklog> EventTables, IReadOnlyList<PoisonQueueDepth> PoisonQueues);


/// <summary>One read model: what the instances last applied (as they stored it), and its event table's backlog.</summary>
public sealed record ProjectionLag(
    string Name,
    string EventTable,
    string ViewTable,
    DateTimeOffset? LastAppliedEventAt,
    double? LastLagMs,
    long EventsApplied,
    int PendingMarkers,
    double LagSeconds);

/// <summary>
/// Streams of one event table not yet fully projected and published. <paramref name="LagSeconds"/>
/// is the age of the oldest pending marker (0 when none): how far the read side is behind.
/// </summary>
public sealed record EventTableBacklog(string Table, int PendingMarkers, DateTimeOffset? OldestPendingAt, double LagSeconds);
