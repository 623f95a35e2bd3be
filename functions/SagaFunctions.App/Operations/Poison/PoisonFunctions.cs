using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Platform.Http;

namespace SagaFunctions.App.Operations.Poison;

/// <summary>The operator's poison-queue endpoints (admin level): list, replay one or all, discard. Thin: see <see cref="PoisonMessages"/>.</summary>
public sealed class PoisonFunctions(PoisonMessages poison)
{
    [Function(nameof(ListPoisonMessages))]
    public async Task<IActionResult> ListPoisonMessages(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "operations/poison")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new OkObjectResult(new { queues = await poison.ListAsync(cancellationToken) });

    [Function(nameof(ReplayPoisonMessage))]
    public async Task<IActionResult> ReplayPoisonMessage(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "operations/poison/{queue}/{messageId}/replay")] HttpRequest request,
        string queue,
        string messageId,
        CancellationToken cancellationToken) =>
        await poison.ReplayAsync(queue, messageId, cancellationToken)
            ? new OkObjectResult(new { queue, messageId, replayedTo = queue[..^PoisonMessages.Suffix.Length] })
            : NoSuchMessage(queue, messageId);

    [Function(nameof(ReplayAllPoisonMessages))]
    public async Task<IActionResult> ReplayAllPoisonMessages(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "operations/poison/{queue}/replay")] HttpRequest request,
        string queue,
        CancellationToken cancellationToken) =>
        PoisonMessages.IsPoisonQueue(queue)
            ? new OkObjectResult(new { queue, replayed = await poison.ReplayAllAsync(queue, cancellationToken) })
            : Problems.NotFound($"'{queue}' is not a poison queue (its name ends with {PoisonMessages.Suffix}).");

    [Function(nameof(DiscardPoisonMessage))]
    public async Task<IActionResult> DiscardPoisonMessage(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "operations/poison/{queue}/{messageId}")] HttpRequest request,
        string queue,
        string messageId,
        CancellationToken cancellationToken) =>
        await poison.DiscardAsync(queue, messageId, cancellationToken)
            ? new OkObjectResult(new { queue, messageId, discarded = true })
            : NoSuchMessage(queue, messageId);

    private static IActionResult NoSuchMessage(string queue, string messageId) =>
        Problems.NotFound($"No message '{messageId}' in poison queue '{queue}' (replayed or discarded already?).");
}
