using SagaFunctions.App.Integration;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Choreography;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Customers;

/// <summary>
/// The Customers context's reactions: reserve credit for a placed order, release it once the stock is
/// compensated. The business rules are the saga activities' (one copy, in CustomerState).
/// </summary>
public sealed class CustomersChoreography(Aggregates aggregates, IFaultInjector faults, ChoreographedOrders orders, ChoreographyEventLog log)
{
    private readonly CustomerActivities _customers = new(aggregates, faults);

    /// <summary>OrderPlaced → CreditReserved (a domain event, published by the relay) or CreditReservationFailed.</summary>
    public async Task OnOrderPlacedAsync(IntegrationEvent placed, CancellationToken cancellationToken)
    {
        if (await orders.PendingAsync(placed.OrderId, cancellationToken) is not { } order
            || await log.RepublishAnyAsync(order.OrderId, [ChoreographyEventTypes.CreditReservationFailed], cancellationToken))
        {
            return;
        }

        var result = await _customers.ReserveCredit(order);
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
        await _customers.ReleaseCredit(new SagaCompensation(order, PaymentDecision.NotCaptured(reason)));
        await log.RecordAndPublishAsync(order.OrderId, ChoreographyEventTypes.CreditCompensated, reason, null, cancellationToken);
    }
}
