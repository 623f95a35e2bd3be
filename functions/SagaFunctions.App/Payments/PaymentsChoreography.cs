using SagaFunctions.App.Integration;
using SagaFunctions.App.Payments;
using SagaFunctions.Domain;
using SagaFunctions.App.Choreography;

namespace SagaFunctions.App.Payments;

/// <summary>
/// The Payments context's reactions: capture once the order's stock is reserved (the pivot), and
/// give up on the payment when a reservation failed. The payment stream decides between the two:
/// whichever of PaymentCaptured and PaymentAbandoned is recorded first is the only one, and the
/// relay publishes it; the chain goes on from there (approve, or compensate).
/// </summary>
public sealed class PaymentsChoreography(PaymentService payments, ChoreographedOrders orders)
{
    /// <summary>
    /// OrderStockReserved → PaymentCaptured or PaymentDeclined, domain events on the payment stream.
    /// A redelivery never charges twice. A gateway that does not answer records and publishes nothing:
    /// the handler returns (no queue message held for the hang) and the deadline sweep times the
    /// order out. An abandoned payment is not captured; its PaymentAbandoned drives the compensations.
    /// </summary>
    public async Task OnOrderStockReservedAsync(IntegrationEvent reserved, CancellationToken cancellationToken)
    {
        if (await orders.PendingAsync(reserved.OrderId, cancellationToken) is { } order)
        {
            await payments.CaptureAsync(order, cancellationToken);
        }
    }

    /// <summary>
    /// CreditReservationFailed or StockReservationFailed → PaymentAbandoned with the step's reason:
    /// as in the orchestration, the saga compensates only once the payment is given up. Should the
    /// payment have been captured first (two handlers decided the step differently), the capture
    /// stands and the order is approved.
    /// </summary>
    public async Task OnReservationFailedAsync(IntegrationEvent failure, CancellationToken cancellationToken)
    {
        if (await orders.PendingAsync(failure.OrderId, cancellationToken) is not null)
        {
            await payments.AbandonAsync(failure.OrderId, ChoreographedOrders.ReasonOf(failure), cancellationToken);
        }
    }
}
