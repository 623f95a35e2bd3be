using SagaFunctions.App.Infrastructure;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Saga;
using SagaFunctions.App.Saga.Activities;

namespace SagaFunctions.App.Choreography;

/// <summary>The Payments context's reaction: capture once the order's stock is reserved (the pivot).</summary>
public sealed class PaymentsChoreography(Aggregates aggregates, IFaultInjector faults, SagaSettings settings, ChoreographedOrders orders)
{
    private readonly PaymentActivities _payments = new(aggregates, faults, settings);

    /// <summary>
    /// OrderStockReserved → PaymentCaptured or PaymentDeclined, both domain events on the payment
    /// stream that the relay publishes. The payment stream records the first outcome, so a
    /// redelivery never charges twice.
    /// </summary>
    public async Task OnOrderStockReservedAsync(IntegrationEvent reserved, CancellationToken cancellationToken)
    {
        if (await orders.PendingAsync(reserved.OrderId, cancellationToken) is { } order)
        {
            await _payments.CapturePayment(order, cancellationToken);
        }
    }
}
