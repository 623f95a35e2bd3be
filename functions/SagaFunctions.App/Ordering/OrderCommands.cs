using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using SagaFunctions.App.Choreography;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Http;

namespace SagaFunctions.App.Ordering;

/// <summary>
/// The Ordering context's commands: place an order (a PENDING order and its saga) and ask its
/// saga to cancel.
/// </summary>
public sealed class OrderCommands(
    Aggregates aggregates,
    EventStores stores,
    PriceList prices,
    SagaSettings settings,
    TimeProvider time,
    ChoreographyDeadlines deadlines,
    OrderCancellation cancellation)
{
    [Function(nameof(PlaceOrder))]
    public async Task<IActionResult> PlaceOrder(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Headers[OrderIds.IdempotencyKeyHeader].FirstOrDefault();
        if (key is { Length: 0 or > OrderIds.MaxIdempotencyKeyLength })
        {
            return Problems.Validation(OrderIds.IdempotencyKeyHeader, $"The key must be 1 to {OrderIds.MaxIdempotencyKeyLength} characters.");
        }

        var body = await JsonBody.ReadAsync(request, AppJsonContext.Default.PlaceOrderBody);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var style = body.Value!.SagaStyle ?? settings.DefaultStyle;
        var errors = new Dictionary<string, string[]>(PlaceOrderValidator.Validate(body.Value.ToRequest()));
        if (!SagaStyles.IsKnown(style))
        {
            errors["sagaStyle"] = [$"sagaStyle must be '{SagaStyles.Orchestration}' or '{SagaStyles.Choreography}'."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await stores.EnsureCreatedAsync();
        var orderId = key is null ? OrderIds.New() : OrderIds.FromIdempotencyKey(body.Value.CustomerId!, key);
        var items = body.Value.Items!.Select(i => (Sku: i!.Sku!, Quantity: i.Quantity!.Value)).ToList();
        var placedAt = time.GetUtcNow();
        if (style == SagaStyles.Choreography)
        {
            // Before the order exists, so no choreographed order is ever without its timer (the
            // choreography's step timeout). A placement that fails after this leaves a row the
            // deadline sweep removes: its order was never placed.
            await deadlines.ScheduleAsync(orderId, placedAt, placedAt + settings.StepTimeout, request.HttpContext.RequestAborted);
        }

        var unitPrices = await prices.UnitPricesAsync(items.Select(i => i.Sku));
        var lines = items.Select(i => new OrderLine(i.Sku, i.Quantity, unitPrices.GetValueOrDefault(i.Sku))).ToList();

        var placed = await aggregates.Orders.ExecuteOnNewStreamAsync(
            StreamNames.Order(orderId),
            order => order.Place(orderId, body.Value.CustomerId!, lines, body.Value.PaymentToken!, style, placedAt),
            _ => $"{orderId}:Place");
        if (!placed.Result.Succeeded)
        {
            return placed.Result.Failure!.Reason == DomainErrors.AlreadyExists
                ? Problems.Conflict($"This customer used Idempotency-Key '{key}' for another order.")
                : Problems.Validation("body", placed.Result.Failure.Detail);
        }

        var order = placed.State.State;
        if (order.SagaStyle == SagaStyles.Orchestration)
        {
            await StartSagaOnceAsync(durable, order);
        }

        return new AcceptedResult($"/api/orders/{orderId}", new
        {
            orderId,
            status = order.Status,
            statusUri = $"/api/orders/{orderId}",
            sagaUri = $"/api/orders/{orderId}/saga",
        });
    }

    /// <summary>
    /// Cancel, for both saga styles: 202 when the saga gave up on the payment for this cancel (the
    /// order then ends CANCELLED with everything released), 409 when the payment was captured or
    /// declined first, or the saga gave up for another reason, or the order is final. An orchestration
    /// is also told at once, so it stops waiting on a step; what it does next follows the payment stream.
    /// </summary>
    [Function(nameof(RequestCancellation))]
    public async Task<IActionResult> RequestCancellation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders/{orderId}/cancel")] HttpRequest request,
        string orderId,
        [DurableClient] DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        await stores.EnsureCreatedAsync();
        var answer = await cancellation.RequestAsync(orderId, request.HttpContext.RequestAborted);
        if (answer is null)
        {
            return Problems.NotFound($"No order '{orderId}'.");
        }

        if (!answer.Accepted)
        {
            return Problems.Conflict(answer.Detail);
        }

        if (answer.Order.SagaStyle == SagaStyles.Orchestration
            && await durable.GetInstanceAsync(orderId, getInputsAndOutputs: false) is { IsCompleted: false })
        {
            await durable.RaiseEventAsync(orderId, OrderSaga.CancelEvent, new CancelRequested("api"));
        }

        return new AcceptedResult($"/api/orders/{orderId}", new { orderId, cancelRequested = true });
    }

    /// <summary>
    /// Starts the saga unless it already exists: a retried POST (same Idempotency-Key, maybe on another
    /// instance) must not run a second saga. The start names every runtime status as a dedupe status,
    /// so the backend refuses an instance id that exists in any state (AlreadyExists), the same in Azure
    /// (the Durable extension honours a start's dedupe statuses) and locally (the local backend throws
    /// on them as the extension's does). An order this request just placed has no saga yet: only a
    /// retry can meet one.
    /// </summary>
    private async Task StartSagaOnceAsync(DurableTaskClient durable, OrderState order)
    {
        var start = new OrderSagaStart(
            new OrderSagaInput(order.OrderId, order.CustomerId, order.Items, order.Total, order.PaymentToken),
            settings.StepTimeout);
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(OrderSaga), start, new StartOrchestrationOptions(order.OrderId).WithDedupeStatuses(AnyStatus));
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // The saga of this order runs or ran already: the retry gets the same answer as the first POST.
        }
    }

    private static readonly OrchestrationRuntimeStatus[] AnyStatus = Enum.GetValues<OrchestrationRuntimeStatus>();
}
