using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace SagaFunctions.Benchmarks.Scenarios.Saga;

/// <summary>
/// The baseline the saga is compared with: the same backend doing no domain work, an orchestration
/// of five sequential no-op activities, started and read over HTTP like an order.
/// Run by the local host in a child process (<c>--no-app-functions --functions-type</c>).
/// </summary>
public static class BaselineFunctions
{
    public const int Activities = 5;

    [Function(nameof(StartBaseline))]
    public static async Task<IActionResult> StartBaseline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "baseline")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(BaselineOrchestrator), Activities);
        return new AcceptedResult($"/api/baseline/{id}", new { id });
    }

    [Function(nameof(GetBaseline))]
    public static async Task<IActionResult> GetBaseline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "baseline/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false);
        return instance is null
            ? new NotFoundResult()
            : new OkObjectResult(new { status = instance.RuntimeStatus.ToString(), createdAt = instance.CreatedAt, lastUpdatedAt = instance.LastUpdatedAt });
    }

    [Function(nameof(BaselineOrchestrator))]
    public static async Task<int> BaselineOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, int activities)
    {
        ArgumentNullException.ThrowIfNull(context);
        var total = 0;
        for (var i = 0; i < activities; i++)
        {
            total += await context.CallActivityAsync<int>(nameof(BaselineNoop), i);
        }

        return total;
    }

    [Function(nameof(BaselineNoop))]
    public static int BaselineNoop([ActivityTrigger] int step) => step;
}
