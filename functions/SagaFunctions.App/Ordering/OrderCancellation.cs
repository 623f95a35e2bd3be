using SagaFunctions.App.Payments;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Ordering;

/// <summary>What a cancel request got: accepted, or refused with why.</summary>
public sealed record CancelAnswer(OrderState Order, bool Accepted, string Detail);

/// <summary>
/// Cancel, the same in both saga styles: honoured while the payment is not decided, and the payment
/// stream says what that means. The cancel gives up on the payment with CANCELLED; it is accepted when
/// that abandonment is the one recorded (the saga then compensates everything and the order ends
/// CANCELLED, whatever its orchestrator or handlers are doing), refused when the payment was captured
/// or declined first, or the saga already gave up for another reason, or the order is final.
/// </summary>
public sealed class OrderCancellation(Aggregates aggregates, PaymentService payments)
{
    /// <summary>The answer, or null when no such order was placed.</summary>
    public async Task<CancelAnswer?> RequestAsync(string orderId, CancellationToken cancellationToken)
    {
        var order = (await aggregates.Orders.LoadAsync(StreamNames.Order(orderId), cancellationToken)).State;
        if (!order.IsPlaced)
        {
            return null;
        }

        if (order.IsFinal)
        {
            return new CancelAnswer(order, false, $"Order '{orderId}' is {order.Status}; it can no longer be cancelled.");
        }

        var payment = (await payments.AbandonAsync(orderId, FailureReasons.Cancelled, cancellationToken)).State.State;
        return payment switch
        {
            { Outcome: PaymentOutcome.Abandoned, AbandonReason: FailureReasons.Cancelled } => new CancelAnswer(order, true, "Cancelled before the payment."),
            { Outcome: PaymentOutcome.Abandoned } => new CancelAnswer(order, false, $"Order '{orderId}' is being rejected ({payment.AbandonReason}); it can no longer be cancelled."),
            _ => new CancelAnswer(order, false, $"Order '{orderId}' is past the payment ({payment.Outcome}); it can no longer be cancelled."),
        };
    }
}
