using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.ReadSide;

namespace SagaFunctions.App.Operations;

/// <summary>
/// <c>GET /api/operations/rebuild</c> (admin level): the progress of a rebuild under way (projections
/// folded out of how many, streams and events so far), as the rebuild saves it after each slice.
/// </summary>
public sealed class RebuildProgressFunction(ReadModelGenerations generations, RebuildProgressRows progress, ProjectionCatalog catalog)
{
    [Function(nameof(GetRebuildProgress))]
    public async Task<IActionResult> GetRebuildProgress(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "operations/rebuild")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var pointer = await generations.GetAsync(cancellationToken);
        var saved = pointer.Building > 0 ? await progress.FindAsync(pointer.Building, cancellationToken) : null;
        return new OkObjectResult(new { generation = pointer, projections = catalog.All.Count, progress = saved });
    }
}
