using SagaFunctions.App.Infrastructure;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Saga;
using SagaFunctions.App.Saga.Activities;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// The Payments context: capture once the order's stock is reserved (the pivot), and give up on the
/// payment when the saga times out or is cancelled. The payment stream decides between the two:
/// whichever of PaymentCaptured and PaymentAbandoned is recorded first is the only one.
/// </summary>
public sealed class PaymentsChoreography(Aggregates aggregates, IFaultInjector faults, SagaSettings settings, ChoreographedOrders orders)
{
    /// <summary>The step name in the event id of the abandonment (<c>{orderId}:AbandonPayment</c>).</summary>
    public const string AbandonStep = "AbandonPayment";

    private readonly PaymentActivities _payments = new(aggregates, faults, settings);

    /// <summary>
    /// OrderStockReserved → PaymentCaptured or PaymentDeclined, both domain events on the payment
    /// stream that the relay publishes. The payment stream records the first outcome, so a
    /// redelivery never charges twice. A gateway that does not answer records and publishes nothing:
    /// the handler returns (no queue message held for the hang) and the deadline sweep times the
    /// order out. An abandoned payment is not captured; its PaymentAbandoned drives the compensations.
    /// </summary>
    public async Task OnOrderStockReservedAsync(IntegrationEvent reserved, CancellationToken cancellationToken)
    {
        if (await orders.PendingAsync(reserved.OrderId, cancellationToken) is { } order)
        {
            await _payments.RecordCaptureAsync(order, cancellationToken);
        }
    }

    /// <summary>
    /// Abandons the order's payment with <paramref name="reason"/> (TIMEOUT or CANCELLED) unless it
    /// already has an outcome. The outcome's state says who won: Abandoned (with the first reason),
    /// or Captured / Declined when the pivot got there first (the result is then a failure).
    /// </summary>
    public Task<CommandOutcome<PaymentState>> AbandonAsync(string orderId, string reason, CancellationToken cancellationToken) =>
        aggregates.Payments.ExecuteAsync(
            StreamNames.Payment(orderId),
            payment => payment.Abandon(orderId, reason),
            _ => SagaStep.EventIdFor(orderId, AbandonStep),
            cancellationToken: cancellationToken);
}
