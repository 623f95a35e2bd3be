using SagaFunctions.App.Integration;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Choreography;

namespace SagaFunctions.App.Ordering;

/// <summary>
/// The Ordering context's reactions: the final status. It approves on PaymentCaptured and rejects
/// only once the compensations are done (on CreditCompensated, the last one), so a final order
/// always has its balances restored. A final order needs no deadline any more.
/// </summary>
public sealed class OrderingChoreography(OrderService ordering, ChoreographedOrders orders, ChoreographyDeadlines deadlines)
{
    public async Task OnPaymentCapturedAsync(IntegrationEvent captured, CancellationToken cancellationToken)
    {
        if (await orders.PendingOrderAsync(captured.OrderId, cancellationToken) is { } order)
        {
            var approved = await ordering.ApproveAsync(captured.OrderId, PaymentDecision.Capture, cancellationToken);
            await ForgetDeadlineAsync(order, approved, cancellationToken);
        }
    }

    /// <summary>
    /// Rejects with the reason the chain carries, or cancels when it is CANCELLED, as the orchestration
    /// does. The reason is the payment stream's: the chain of compensations starts only from the
    /// recorded decline or abandonment, whose reason is the first one recorded.
    /// </summary>
    public async Task OnCreditCompensatedAsync(IntegrationEvent compensated, CancellationToken cancellationToken)
    {
        if (await orders.PendingOrderAsync(compensated.OrderId, cancellationToken) is not { } order)
        {
            return;
        }

        var payment = PaymentDecision.NotCaptured(ChoreographedOrders.ReasonOf(compensated));
        var settled = payment.Reason == FailureReasons.Cancelled
            ? await ordering.CancelAsync(order.OrderId, payment, cancellationToken)
            : await ordering.RejectAsync(order.OrderId, payment, cancellationToken);
        await ForgetDeadlineAsync(order, settled, cancellationToken);
    }

    /// <summary>A settled order needs no deadline any more (its row is in the partition of the order's placement).</summary>
    private Task ForgetDeadlineAsync(OrderState order, StepResult settled, CancellationToken cancellationToken) =>
        settled.Succeeded ? deadlines.RemoveAsync(new DueDeadline(order.OrderId, order.PlacedAt), cancellationToken) : Task.CompletedTask;
}
