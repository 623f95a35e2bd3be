using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Integration;

/// <summary>
/// Which domain events other contexts care about: every event that belongs to an order (the saga's
/// facts). Registration events (CustomerRegistered, ProductAdded) concern no order and stay inside
/// their context.
/// </summary>
public static class IntegrationEvents
{
    public static string? OrderIdOf(object data) => data switch
    {
        OrderPlaced e => e.OrderId,
        OrderApproved e => e.OrderId,
        OrderRejected e => e.OrderId,
        OrderCancelled e => e.OrderId,
        OrderCompensationFailed e => e.OrderId,
        CreditReserved e => e.OrderId,
        CreditReleased e => e.OrderId,
        StockReserved e => e.OrderId,
        StockReleased e => e.OrderId,
        PaymentCaptured e => e.OrderId,
        PaymentDeclined e => e.OrderId,
        PaymentAbandoned e => e.OrderId,
        _ => null,
    };

    /// <summary>The integration event of <paramref name="recorded"/>, or null when it is not published.</summary>
    public static IntegrationEvent? From(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (OrderIdOf(recorded.Data) is not { } orderId || recorded.Data is not IDomainEvent domainEvent)
        {
            return null;
        }

        // The context the append ran in (recorded with the event), so a rebuild or a sweep publishes it too.
        return new IntegrationEvent(recorded.EventId, recorded.EventType, recorded.StreamId, recorded.Version, orderId, recorded.Timestamp, PublicEventData.Of(domainEvent))
        {
            TraceParent = recorded.CorrelationId ?? SagaTelemetry.CurrentTraceParent,
        };
    }
}
