using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SagaFunctions.App.Choreography;
using SagaFunctions.App.Saga;
using SagaFunctions.App.Platform.Http;

namespace SagaFunctions.App.Saga;

/// <summary>
/// <c>GET /api/orders/{id}/saga</c>: an orchestrated saga's runtime status and step timeline, or a
/// choreographed saga's chain of events (it has no runtime of its own).
/// </summary>
public sealed class SagaQueries(ChoreographySagaView choreography)
{
    [Function(nameof(GetOrderSaga))]
    public async Task<IActionResult> GetOrderSaga(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders/{orderId}/saga")] HttpRequest request,
        string orderId,
        [DurableClient] DurableTaskClient durable)
    {
        var instance = await durable.GetInstanceAsync(orderId, getInputsAndOutputs: true);
        if (instance is null)
        {
            return await choreography.ReadAsync(orderId, request.HttpContext.RequestAborted) is { } chain
                ? new OkObjectResult(chain)
                : Problems.NotFound($"No saga for order '{orderId}'.");
        }

        var outcome = instance.IsCompleted && instance.SerializedOutput is not null ? instance.ReadOutputAs<SagaOutcome>() : null;
        return new OkObjectResult(new
        {
            orderId,
            style = "orchestration",
            runtimeStatus = instance.RuntimeStatus.ToString(),
            createdAt = instance.CreatedAt,
            lastUpdatedAt = instance.LastUpdatedAt,
            progress = instance.SerializedCustomStatus is null or "null" ? ProgressOf(outcome) : instance.ReadCustomStatusAs<SagaProgress>(),
            outcome = outcome is null ? null : new { outcome.Status, outcome.Reason, outcome.FailedStep },
            failure = instance.FailureDetails?.ErrorMessage,
        });
    }

    /// <summary>A finished saga's timeline from its output, where the custom status was lost.</summary>
    private static SagaProgress? ProgressOf(SagaOutcome? outcome) =>
        outcome?.Steps is { Count: > 0 } steps ? new SagaProgress(steps[^1].Name, PastPivot: true, steps) : null;
}
