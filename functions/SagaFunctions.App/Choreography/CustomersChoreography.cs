using SagaFunctions.App.Infrastructure;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Saga;
using SagaFunctions.App.Saga.Activities;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// The Customers context's reactions: reserve credit for a placed order, release it when a later
/// step failed. The business rules are the saga activities' (one copy, in CustomerState).
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
    /// StockReservationFailed or StockCompensated → release the credit → CreditCompensated, the last
    /// compensation (reverse step order, as in the orchestration), carrying the saga's failure reason.
    /// </summary>
    public async Task OnLaterStepFailedAsync(IntegrationEvent failure, CancellationToken cancellationToken)
    {
        if (await orders.PendingAsync(failure.OrderId, cancellationToken) is not { } order)
        {
            return;
        }

        var released = await _customers.ReleaseCredit(order);
        if (!released.Succeeded)
        {
            // Release never fails for business reasons; if it did, retry the message (then poison it).
            throw new InvalidOperationException($"ReleaseCredit of order {order.OrderId} failed: {released.FailureReason} {released.Detail}");
        }

        await log.RecordAndPublishAsync(order.OrderId, ChoreographyEventTypes.CreditCompensated, ChoreographedOrders.ReasonOf(failure), null, cancellationToken);
    }
}
