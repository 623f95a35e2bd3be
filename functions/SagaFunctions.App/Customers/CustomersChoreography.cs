using SagaFunctions.App.Integration;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Choreography;

namespace SagaFunctions.App.Customers;

/// <summary>
/// The Customers context's reactions: reserve credit for a placed order, release it once the stock is
/// compensated: the same commands as the orchestration's steps (<see cref="CustomerService"/>).
/// </summary>
public sealed class CustomersChoreography(CustomerService customers, ChoreographedOrders orders, ChoreographyEventLog log)
{
    /// <summary>OrderPlaced → CreditReserved (a domain event, published by the relay) or CreditReservationFailed.</summary>
    public async Task OnOrderPlacedAsync(IntegrationEvent placed, CancellationToken cancellationToken)
    {
        if (await orders.PendingAsync(placed.OrderId, cancellationToken) is not { } order
            || await log.RepublishAnyAsync(order.OrderId, [ChoreographyEventTypes.CreditReservationFailed], cancellationToken))
        {
            return;
        }

        var result = await customers.ReserveCreditAsync(order, cancellationToken);
        if (!result.Succeeded)
        {
            await log.RecordAndPublishAsync(order.OrderId, ChoreographyEventTypes.CreditReservationFailed, result.FailureReason, result.Detail, cancellationToken);
        }
    }

    /// <summary>
    /// StockCompensated → release the credit (or record that none is held) → CreditCompensated, the last
    /// compensation (reverse step order, as in the orchestration), carrying the saga's failure reason.
    /// </summary>
    public async Task OnStockCompensatedAsync(IntegrationEvent compensated, CancellationToken cancellationToken)
    {
        if (await orders.PendingAsync(compensated.OrderId, cancellationToken) is not { } order)
        {
            return;
        }

        var reason = ChoreographedOrders.ReasonOf(compensated);
        await customers.ReleaseCreditAsync(order, PaymentDecision.NotCaptured(reason), cancellationToken);
        await log.RecordAndPublishAsync(order.OrderId, ChoreographyEventTypes.CreditCompensated, reason, null, cancellationToken);
    }
}
