using SagaFunctions.App.Integration;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Choreography;

namespace SagaFunctions.App.Inventory;

/// <summary>
/// The Inventory context's reactions: reserve the order's stock once its credit is reserved, release
/// it once the payment is not captured (declined, or given up). One product stream per SKU, so the
/// step's outcome for the whole order is a choreography event (OrderStockReserved / StockReservationFailed).
/// </summary>
public sealed class InventoryChoreography(InventoryService inventory, ChoreographedOrders orders, ChoreographyEventLog log)
{
    private static readonly string[] Outcomes = [ChoreographyEventTypes.OrderStockReserved, ChoreographyEventTypes.StockReservationFailed];

    /// <summary>CreditReserved → OrderStockReserved or StockReservationFailed (Payments then gives up on the payment).</summary>
    public async Task OnCreditReservedAsync(IntegrationEvent reserved, CancellationToken cancellationToken)
    {
        // Decided once: a redelivered CreditReserved republishes the first outcome instead of deciding again.
        if (await orders.PendingAsync(reserved.OrderId, cancellationToken) is not { } order
            || await log.RepublishAnyAsync(order.OrderId, Outcomes, cancellationToken))
        {
            return;
        }

        var result = await inventory.ReserveStockAsync(order, cancellationToken);
        await (result.Succeeded
            ? log.RecordAndPublishAsync(order.OrderId, ChoreographyEventTypes.OrderStockReserved, null, null, cancellationToken)
            : log.RecordAndPublishAsync(order.OrderId, ChoreographyEventTypes.StockReservationFailed, result.FailureReason, result.Detail, cancellationToken));
    }

    /// <summary>
    /// PaymentDeclined or PaymentAbandoned → release the stock of every product of the order →
    /// StockCompensated with the saga's reason (PAYMENT_DECLINED, or why the payment was given up);
    /// Customers releases the credit next. A product the order never reserved gets a zero release,
    /// which refuses a reservation that comes later.
    /// </summary>
    public async Task OnPaymentFailedAsync(IntegrationEvent failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failed);
        if (await orders.PendingAsync(failed.OrderId, cancellationToken) is not { } order)
        {
            return;
        }

        var (reason, detail) = failed.Type == PaymentAbandoned.TypeName
            ? (ChoreographedOrders.ReasonOf(failed), "The payment was given up.")
            : (FailureReasons.PaymentDeclined, failed.Data.TryGetProperty("reason", out var gateway) ? gateway.GetString() : null);
        await inventory.ReleaseStockAsync(order, PaymentDecision.NotCaptured(reason), cancellationToken);
        await log.RecordAndPublishAsync(order.OrderId, ChoreographyEventTypes.StockCompensated, reason, detail, cancellationToken);
    }
}
