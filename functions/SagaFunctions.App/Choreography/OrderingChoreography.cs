using SagaFunctions.App.Infrastructure;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Saga;
using SagaFunctions.App.Saga.Activities;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Payments;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// The Ordering context's reactions: the final status. It approves on PaymentCaptured and rejects
/// only once the compensations are done (CreditReservationFailed has none; otherwise it waits for
/// CreditCompensated, the last one), so a final order always has its balances restored. A final
/// order needs no deadline any more.
/// </summary>
public sealed class OrderingChoreography(Aggregates aggregates, IFaultInjector faults, ChoreographedOrders orders, ChoreographyDeadlines deadlines)
{
    private readonly OrderingActivities _ordering = new(aggregates, faults);

    public async Task OnPaymentCapturedAsync(IntegrationEvent captured, CancellationToken cancellationToken)
    {
        if (await orders.PendingAsync(captured.OrderId, cancellationToken) is not null)
        {
            await _ordering.ApproveOrder(captured.OrderId);
            await deadlines.RemoveAsync(captured.OrderId, cancellationToken);
        }
    }

    /// <summary>
    /// Rejects with the failure's reason, or CANCELLED → the order is CANCELLED, as in the
    /// orchestration. When the payment was abandoned, its reason is the saga's: a failure racing a
    /// timeout or an accepted cancel cannot pick another one.
    /// </summary>
    public async Task OnSagaFailedAsync(IntegrationEvent failure, CancellationToken cancellationToken)
    {
        if (await orders.PendingAsync(failure.OrderId, cancellationToken) is null)
        {
            return;
        }

        var payment = (await aggregates.Payments.LoadAsync(StreamNames.Payment(failure.OrderId), cancellationToken)).State;
        var reason = payment.Outcome is PaymentOutcome.Abandoned && payment.AbandonReason is { } abandoned
            ? abandoned
            : ChoreographedOrders.ReasonOf(failure);
        var settled = reason == FailureReasons.Cancelled
            ? await _ordering.CancelOrder(failure.OrderId)
            : await _ordering.RejectOrder(new OrderRejection(failure.OrderId, reason));
        if (settled.Succeeded)
        {
            await deadlines.RemoveAsync(failure.OrderId, cancellationToken);
        }
    }
}
