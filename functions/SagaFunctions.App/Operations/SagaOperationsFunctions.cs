using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SagaFunctions.App.Operations.Actions;
using SagaFunctions.App.Operations.SagaList;
using SagaFunctions.App.Platform.Http;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Operations;

/// <summary>
/// The operator's saga endpoints (admin level): the list from its read model, end a stuck saga, rerun
/// a failed compensation, purge a finished saga's orchestration history. Thin: the work is in
/// <see cref="SagaListQuery"/>, <see cref="SagaRepairs"/> and <see cref="OrchestrationHistory"/>.
/// </summary>
public sealed class SagaOperationsFunctions(SagaListQuery list, SagaRepairs repairs, TimeProvider time)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(7);

    [Function(nameof(ListSagas))]
    public async Task<IActionResult> ListSagas(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "operations/sagas")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var statuses = ((string?)query["status"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (statuses.FirstOrDefault(s => !OrderStatus.All.Contains(s)) is { } unknown)
        {
            return Problems.Validation("status", $"'{unknown}' is not a status; use {string.Join(", ", OrderStatus.All)}.");
        }

        var style = NullIfEmpty(query["style"]);
        if (style is not null && !SagaStyles.IsKnown(style))
        {
            return Problems.Validation("style", $"style must be '{SagaStyles.Orchestration}' or '{SagaStyles.Choreography}'.");
        }

        if (!TryTime(query["to"], time.GetUtcNow(), out var to) || !TryTime(query["from"], to - DefaultRange, out var from))
        {
            return Problems.Validation("from", "from and to must be ISO 8601 times.");
        }

        if (from > to)
        {
            return Problems.Validation("from", "from must not be after to.");
        }

        var pageSize = DefaultPageSize;
        if (NullIfEmpty(query["pageSize"]) is { } size && (!int.TryParse(size, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return Problems.Validation("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        try
        {
            var filter = new SagaListFilter(statuses, style, NullIfEmpty(query["customerId"]), from, to);
            return new OkObjectResult(await list.ReadAsync(filter, pageSize, NullIfEmpty(query["continuation"]), cancellationToken));
        }
        catch (FormatException)
        {
            return Problems.Validation("continuation", "continuation must be a token a previous page answered.");
        }
    }

    [Function(nameof(EndSaga))]
    public async Task<IActionResult> EndSaga(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "operations/sagas/{orderId}/end")] HttpRequest request,
        string orderId,
        [DurableClient] DurableTaskClient durable) =>
        Answer(orderId, await repairs.EndAsync(orderId, durable, request.HttpContext.RequestAborted));

    [Function(nameof(RetrySagaCompensation))]
    public async Task<IActionResult> RetrySagaCompensation(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "operations/sagas/{orderId}/retry-compensation")] HttpRequest request,
        string orderId) =>
        Answer(orderId, await repairs.RetryCompensationAsync(orderId, request.HttpContext.RequestAborted));

    [Function(nameof(PurgeSagaHistory))]
    public async Task<IActionResult> PurgeSagaHistory(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "operations/sagas/{orderId}/history")] HttpRequest request,
        string orderId,
        [DurableClient] DurableTaskClient durable) =>
        Answer(orderId, await durable.PurgeAsync(orderId, request.HttpContext.RequestAborted));

    /// <summary>The action's answer as HTTP: 200 with what was done, else a problem with the reason.</summary>
    public static IActionResult Answer(string orderId, OperatorAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Outcome switch
        {
            OperatorOutcome.Done => new OkObjectResult(new { orderId, status = answer.OrderStatus, detail = answer.Detail }),
            OperatorOutcome.NotFound => Problems.NotFound(answer.Detail),
            OperatorOutcome.Refused => Problems.Conflict(answer.Detail),
            _ => Problems.Unavailable(answer.Detail),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool TryTime(string? value, DateTimeOffset fallback, out DateTimeOffset parsed)
    {
        parsed = fallback;
        return NullIfEmpty(value) is not { } text || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed);
    }
}
