using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SagaFunctions.App.Platform.Http;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Ordering;

/// <summary>
/// The Ordering context's commands: place an order (a PENDING order and its saga) and ask its
/// saga to cancel.
/// </summary>
public sealed class OrderCommands(OrderService orders, SagaSettings settings, TimeProvider time)
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

        var orderId = key is null ? OrderIds.New() : OrderIds.FromIdempotencyKey(body.Value.CustomerId!, key);
        var items = body.Value.Items!.Select(i => (i!.Sku!, i.Quantity!.Value)).ToList();
        // Not the request's token: once the order is placed its saga must start, whether or not the client still waits.
        var placed = await orders.PlaceAsync(orderId, body.Value.CustomerId!, items, body.Value.PaymentToken!, style, time.GetUtcNow(), CancellationToken.None);
        if (!placed.Result.Succeeded)
        {
            return placed.Result.Failure!.Reason == DomainErrors.AlreadyExists
                ? Problems.Conflict($"This customer used Idempotency-Key '{key}' for another order.")
                : Problems.Validation("body", placed.Result.Failure.Detail);
        }

        var order = placed.State.State;
        if (order.SagaStyle == SagaStyles.Orchestration)
        {
            await OrderSaga.StartOnceAsync(durable, order, settings.StepTimeout);
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
        var answer = await orders.RequestCancellationAsync(orderId, request.HttpContext.RequestAborted);
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
}
