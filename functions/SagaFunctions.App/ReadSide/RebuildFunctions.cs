using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Platform.Queues;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// Operator endpoint: <c>POST /api/projections/rebuild</c> (admin key) starts an online rebuild and
/// answers 202; a queue trigger runs it, so it is not bound by the HTTP timeout and resumes after a
/// crash. Locally (auth levels are not enforced unless LocalHost:EnforceAuthLevel is on):
/// <c>curl -X POST http://localhost:7071/api/projections/rebuild</c>, then watch <c>GET /api/projections</c>
/// until <c>generation.building</c> is 0. In Azure add <c>-H "x-functions-key: &lt;master key&gt;"</c>.
/// (Not under <c>/api/admin/…</c>: the Functions host refuses routes that start with "admin".)
/// </summary>
public sealed class RebuildFunctions(ReadModelGenerations generations, SagaStorage storage, ProjectionRebuilder rebuilder, QueueFailures failures)
{
    public const string QueueName = "projection-rebuilds";

    [Function(nameof(RebuildProjections))]
    public async Task<IActionResult> RebuildProjections(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "projections/rebuild")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var pointer = await generations.StartBuildingAsync(cancellationToken);
        var queue = storage.Queue(QueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queue.SendMessageAsync(JsonSerializer.Serialize(new RebuildRequest(pointer.Building), ReadSideJsonContext.Default.RebuildRequest), cancellationToken);
        return new AcceptedResult("/api/projections", new { generation = pointer.Building, current = pointer.Current, statusUri = "/api/projections" });
    }

    [Function(nameof(RunProjectionRebuild))]
    public async Task RunProjectionRebuild(
        [QueueTrigger(QueueName, Connection = SagaStorage.ConnectionName)] string message,
        CancellationToken cancellationToken) =>
        await failures.HandleAsync(QueueName, message, async () =>
        {
            var request = JsonSerializer.Deserialize(message, ReadSideJsonContext.Default.RebuildRequest)
                ?? throw new JsonException("The rebuild request is JSON null.");
            await rebuilder.RebuildAsync(request.Generation, cancellationToken);
        });
}
