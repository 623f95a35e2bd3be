using SagaFunctions.App.Customers;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Payments;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;

namespace SagaFunctions.App.Choreography;

/// <summary>How one context reacts to an event of an order.</summary>
public delegate Task Reaction(IntegrationEvent integrationEvent, CancellationToken cancellationToken);

/// <summary>One entry of the choreography: the context that reacts, and how.</summary>
public sealed record Route(string Context, Reaction React);

/// <summary>
/// Who reacts to what: the whole choreography in one table, in the order a saga runs. Every other
/// event (and every event of an orchestrated order, which the reactions leave alone) is ignored.
/// </summary>
public static class ChoreographyRoutes
{
    public static IReadOnlyDictionary<string, Route> Of(
        CustomersChoreography customers, InventoryChoreography inventory, PaymentsChoreography payments, OrderingChoreography ordering)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(payments);
        ArgumentNullException.ThrowIfNull(ordering);
        return new Dictionary<string, Route>(StringComparer.Ordinal)
        {
            // Forward: reserve credit, reserve stock, capture (the pivot), approve.
            [OrderPlaced.TypeName] = new("Customers", customers.OnOrderPlacedAsync),
            [CreditReserved.TypeName] = new("Inventory", inventory.OnCreditReservedAsync),
            [ChoreographyEventTypes.OrderStockReserved] = new("Payments", payments.OnOrderStockReservedAsync),
            [PaymentCaptured.TypeName] = new("Ordering", ordering.OnPaymentCapturedAsync),

            // A reservation failed: give up on the payment first (the stream decides against a capture).
            [ChoreographyEventTypes.CreditReservationFailed] = new("Payments", payments.OnReservationFailedAsync),
            [ChoreographyEventTypes.StockReservationFailed] = new("Payments", payments.OnReservationFailedAsync),

            // Not captured: compensate in reverse order (stock, then credit), then settle the order.
            [PaymentDeclined.TypeName] = new("Inventory", inventory.OnPaymentFailedAsync),
            [PaymentAbandoned.TypeName] = new("Inventory", inventory.OnPaymentFailedAsync),
            [ChoreographyEventTypes.StockCompensated] = new("Customers", customers.OnStockCompensatedAsync),
            [ChoreographyEventTypes.CreditCompensated] = new("Ordering", ordering.OnCreditCompensatedAsync),
        };
    }
}
