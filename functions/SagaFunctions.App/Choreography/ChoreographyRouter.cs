using SagaFunctions.App.Integration;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.App.Customers;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Payments;
using SagaFunctions.App.Platform.Shortcuts;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// Who reacts to what: the whole choreography in one table. Every other event (and every event of
/// an orchestrated order, filtered by the handlers) is ignored.
/// </summary>
public sealed class ChoreographyRouter(
    CustomersChoreography customers,
    InventoryChoreography inventory,
    PaymentsChoreography payments,
    OrderingChoreography ordering,
    InProcessShortcuts shortcuts)
{
    // Apart from the writers' turns: a handler holds its order's turn while the aggregates take theirs.
    private readonly KeyedTurns _turns = new(shortcuts);

    public async Task RouteAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        using var turn = await _turns.AcquireAsync(integrationEvent.OrderId, cancellationToken);
        await HandleAsync(integrationEvent, cancellationToken);
    }

    private Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        integrationEvent.Type switch
        {
            OrderPlaced.TypeName => customers.OnOrderPlacedAsync(integrationEvent, cancellationToken),
            CreditReserved.TypeName => inventory.OnCreditReservedAsync(integrationEvent, cancellationToken),
            ChoreographyEventTypes.OrderStockReserved => payments.OnOrderStockReservedAsync(integrationEvent, cancellationToken),
            ChoreographyEventTypes.CreditReservationFailed or ChoreographyEventTypes.StockReservationFailed => payments.OnReservationFailedAsync(integrationEvent, cancellationToken),
            PaymentCaptured.TypeName => ordering.OnPaymentCapturedAsync(integrationEvent, cancellationToken),
            PaymentDeclined.TypeName or PaymentAbandoned.TypeName => inventory.OnPaymentFailedAsync(integrationEvent, cancellationToken),
            ChoreographyEventTypes.StockCompensated => customers.OnStockCompensatedAsync(integrationEvent, cancellationToken),
            ChoreographyEventTypes.CreditCompensated => ordering.OnCreditCompensatedAsync(integrationEvent, cancellationToken),
            _ => Task.CompletedTask,
        };
}
