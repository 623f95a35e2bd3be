using Azure.Data.Tables;
using SagaFunctions.App.Integration;

namespace SagaFunctions.App.Projections;

/// <summary>One view row a stream feeds, in one generation: the row (null: none yet) and its derived rows, as last seen or written.</summary>
public sealed record ProjectionTarget(IViewProjection Projection, int Generation, TableClient Views, TableEntity? Row, IReadOnlyList<TableEntity> Derived);

/// <summary>
/// What a projection pass left for one stream, into the generations <paramref name="Generations"/>:
/// the view rows and the publish checkpoint as stored, with their ETags.
/// </summary>
public sealed record StreamProgress(string Generations, IReadOnlyList<ProjectionTarget> Targets, PublishCheckpoint Checkpoint)
{
    /// <summary>The version every view row and the publish checkpoint have reached.</summary>
    public long Version { get; } = Targets.Select(t => t.Row is null ? 0 : ViewColumns.VersionOf(t.Row)).Append(Checkpoint.Version).Min();
}
