using SagaFunctions.App.Ordering;
using SagaFunctions.App.Integration;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// The gate every choreography handler passes first. Orchestrated orders publish the same domain
/// events (CreditReserved, PaymentCaptured, …) on the same queue: only an order whose OrderPlaced
/// chose choreography may be driven here. A final order is left alone, so a late redelivery of an
/// old event cannot restart a finished saga.
/// </summary>
public sealed class ChoreographedOrders(OrderService ordering)
{
    /// <summary>The saga input of a PENDING choreographed order, or null when the handler must do nothing.</summary>
    public async Task<OrderSagaInput?> PendingAsync(string orderId, CancellationToken cancellationToken) =>
        await PendingOrderAsync(orderId, cancellationToken) is { } order
            ? new OrderSagaInput(order.OrderId, order.CustomerId, order.Items, order.Total, order.PaymentToken)
            : null;

    /// <summary>The PENDING choreographed order itself, or null when the handler must do nothing.</summary>
    public async Task<OrderState?> PendingOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var order = await ordering.LoadAsync(orderId, cancellationToken);
        return order.IsPlaced && order.SagaStyle == SagaStyles.Choreography && !order.IsFinal ? order : null;
    }

    /// <summary>The failure reason a choreography event carries.</summary>
    public static string ReasonOf(IntegrationEvent failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Data.TryGetProperty("reason", out var reason) && reason.GetString() is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Event {failure.MessageId} ({failure.Type}) carries no reason.");
    }
}
