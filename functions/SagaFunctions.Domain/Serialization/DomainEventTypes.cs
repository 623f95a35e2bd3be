using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;

namespace SagaFunctions.Domain.Serialization;

/// <summary>All event type maps: one per context, and their union.</summary>
public static class DomainEventTypes
{
    public static EventTypeMap Customers => CustomerEventTypes.Map;

    public static EventTypeMap Inventory => ProductEventTypes.Map;

    public static EventTypeMap Payments => PaymentEventTypes.Map;

    public static EventTypeMap Ordering => OrderEventTypes.Map;

    /// <summary>Every domain event type of every context.</summary>
    public static EventTypeMap All { get; } = EventTypeMap.Combine(
        CustomerEventTypes.Map, ProductEventTypes.Map, PaymentEventTypes.Map, OrderEventTypes.Map);
}
