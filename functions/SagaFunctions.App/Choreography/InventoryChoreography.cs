using SagaFunctions.App.Infrastructure;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Saga;
using SagaFunctions.App.Saga.Activities;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Payments;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// The Inventory context's reactions: reserve the order's stock once its credit is reserved, release
/// it when the payment failed (declined, or abandoned on timeout or cancel). One product stream per SKU, so the step's outcome for the whole
/// order is a choreography event (OrderStockReserved / StockReservationFailed).
/// </summary>
public sealed class InventoryChoreography(Aggregates aggregates, IFaultInjector faults, ChoreographedOrders orders, ChoreographyEventLog log)
{
    private static readonly string[] Outcomes = [ChoreographyEventTypes.OrderStockReserved, ChoreographyEventTypes.StockReservationFailed];

    private readonly InventoryActivities _inventory = new(aggregates, faults);

    /// <summary>CreditReserved → OrderStockReserved or StockReservationFailed (a failed step leaves no stock reserved).</summary>
    public async Task OnCreditReservedAsync(IntegrationEvent reserved, CancellationToken cancellationToken)
    {
        // Decided once: a redelivered CreditReserved republishes the first outcome instead of deciding again.
        if (await orders.PendingAsync(reserved.OrderId, cancellationToken) is not { } order
            || await log.RepublishAnyAsync(order.OrderId, Outcomes, cancellationToken))
        {
            return;
        }

        var result = await _inventory.ReserveStock(order);
        await (result.Succeeded
            ? log.RecordAndPublishAsync(order.OrderId, ChoreographyEventTypes.OrderStockReserved, null, null, cancellationToken)
            : log.RecordAndPublishAsync(order.OrderId, ChoreographyEventTypes.StockReservationFailed, result.FailureReason, result.Detail, cancellationToken));
    }

    /// <summary>
    /// PaymentDeclined or PaymentAbandoned → release the stock → StockCompensated with the saga's
    /// reason (PAYMENT_DECLINED, or the abandonment's TIMEOUT / CANCELLED); Customers releases the
    /// credit next. An abandonment can come before the stock was reserved: the release then records
    /// a zero release per SKU, which refuses a late reservation.
    /// </summary>
    public async Task OnPaymentFailedAsync(IntegrationEvent failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failed);
        if (await orders.PendingAsync(failed.OrderId, cancellationToken) is not { } order)
        {
            return;
        }

        await _inventory.ReleaseStock(order);
        var (reason, detail) = failed.Type == PaymentAbandoned.TypeName
            ? (ChoreographedOrders.ReasonOf(failed), "The payment was abandoned.")
            : (FailureReasons.PaymentDeclined, failed.Data.TryGetProperty("reason", out var gateway) ? gateway.GetString() : null);
        await log.RecordAndPublishAsync(order.OrderId, ChoreographyEventTypes.StockCompensated, reason, detail, cancellationToken);
    }
}
