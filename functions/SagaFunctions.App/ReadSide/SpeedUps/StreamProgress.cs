using SagaFunctions.EventStore;

namespace SagaFunctions.App.ReadSide.SpeedUps;

/// <summary>One view row a stream feeds, in one generation: the row (null: none yet) and its derived rows, as last seen or written.</summary>
public sealed record ProjectionTarget(IViewProjection Projection, int Generation, ViewRow? Row, IReadOnlyList<ViewRow> Derived)
{
    /// <summary>The stream version the row has applied (0: no row yet).</summary>
    public long Version => Row?.Version ?? 0;
}

/// <summary>
/// What a projection pass left for one stream, into the generations <paramref name="Generations"/>:
/// the view rows and the publish checkpoints (one per integration target) as stored, with their ETags.
/// </summary>
public sealed record StreamProgress(string Generations, IReadOnlyList<ProjectionTarget> Targets, IReadOnlyList<StreamCheckpoint> Checkpoints)
{
    /// <summary>The version every view row and every publish checkpoint have reached.</summary>
    public long Version { get; } = Reached(Targets, Checkpoints);

    /// <summary>The version every one of <paramref name="targets"/> and <paramref name="checkpoints"/> has reached: where a pass reads on from.</summary>
    public static long Reached(IEnumerable<ProjectionTarget> targets, IEnumerable<StreamCheckpoint> checkpoints) =>
        targets.Select(t => t.Version).Concat(checkpoints.Select(c => c.Version)).DefaultIfEmpty(0).Min();
}
