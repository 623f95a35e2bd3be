using SagaFunctions.App.Infrastructure;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Choreography;

/// <summary>What a cancel request of a choreographed order got: accepted, or refused with why.</summary>
public sealed record ChoreographyCancelAnswer(bool Accepted, string Detail);

/// <summary>
/// Cancel of a choreographed order. Honoured before the pivot only, and the payment stream decides
/// what "before" means: the cancel abandons the payment with CANCELLED unless it already has an
/// outcome. Accepted, its PaymentAbandoned drives the compensations by events and the order ends
/// CANCELLED; a capture racing it finds the payment abandoned and captures nothing. Refused when the
/// payment was captured or declined, or the saga already timed out or is final.
/// </summary>
public sealed class ChoreographyCancellation(Aggregates aggregates, PaymentsChoreography payments)
{
    /// <summary>The answer, or null when the order is not a placed choreographed order.</summary>
    public async Task<ChoreographyCancelAnswer?> RequestAsync(string orderId, CancellationToken cancellationToken)
    {
        var order = (await aggregates.Orders.LoadAsync(StreamNames.Order(orderId), cancellationToken)).State;
        if (!order.IsPlaced || order.SagaStyle != SagaStyles.Choreography)
        {
            return null;
        }

        if (order.IsFinal)
        {
            return new ChoreographyCancelAnswer(false, $"Order '{orderId}' is {order.Status}; it can no longer be cancelled.");
        }

        var payment = (await payments.AbandonAsync(orderId, FailureReasons.Cancelled, cancellationToken)).State.State;
        return payment is { Outcome: PaymentOutcome.Abandoned, AbandonReason: FailureReasons.Cancelled }
            ? new ChoreographyCancelAnswer(true, "Cancelled before the payment.")
            : new ChoreographyCancelAnswer(false, payment.Outcome is PaymentOutcome.Abandoned
                ? $"Order '{orderId}' timed out; it is being rejected."
                : $"Order '{orderId}' is past the payment ({payment.Outcome}); it can no longer be cancelled.");
    }
}
