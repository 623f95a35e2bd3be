using SagaFunctions.App.Infrastructure;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Saga;
using SagaFunctions.App.Saga.Activities;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// The Ordering context's reactions: the final status. It approves on PaymentCaptured and rejects
/// only once the compensations are done (CreditReservationFailed has none; otherwise it waits for
/// CreditCompensated, the last one), so a final order always has its balances restored.
/// </summary>
public sealed class OrderingChoreography(Aggregates aggregates, IFaultInjector faults, ChoreographedOrders orders)
{
    private readonly OrderingActivities _ordering = new(aggregates, faults);

    public async Task OnPaymentCapturedAsync(IntegrationEvent captured, CancellationToken cancellationToken)
    {
        if (await orders.PendingAsync(captured.OrderId, cancellationToken) is not null)
        {
            await _ordering.ApproveOrder(captured.OrderId);
        }
    }

    public async Task OnSagaFailedAsync(IntegrationEvent failure, CancellationToken cancellationToken)
    {
        if (await orders.PendingAsync(failure.OrderId, cancellationToken) is not null)
        {
            await _ordering.RejectOrder(new OrderRejection(failure.OrderId, ChoreographedOrders.ReasonOf(failure)));
        }
    }
}
