using System.Text.Json.Serialization.Metadata;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;

namespace SagaFunctions.Domain.Serialization;

/// <summary>A domain event's stable type name (what stored streams hold) and its source-generated JSON metadata.</summary>
public sealed record DomainEventType(string Name, JsonTypeInfo TypeInfo);

/// <summary>
/// Every domain event under its stable name, per context: what the event stores register. Stored
/// events carry the name, never the CLR type's, so renaming or moving a C# type breaks no stream.
/// </summary>
public static class DomainEventTypes
{
    /// <summary>Stream <c>customer-{customerId}</c>.</summary>
    public static IReadOnlyList<DomainEventType> Customers { get; } =
    [
        new(CustomerRegistered.TypeName, DomainJsonContext.Default.CustomerRegistered),
        new(CreditReserved.TypeName, DomainJsonContext.Default.CreditReserved),
        new(CreditReleased.TypeName, DomainJsonContext.Default.CreditReleased),
    ];

    /// <summary>Stream <c>product-{sku}</c>.</summary>
    public static IReadOnlyList<DomainEventType> Inventory { get; } =
    [
        new(ProductAdded.TypeName, DomainJsonContext.Default.ProductAdded),
        new(StockReserved.TypeName, DomainJsonContext.Default.StockReserved),
        new(StockReleased.TypeName, DomainJsonContext.Default.StockReleased),
    ];

    /// <summary>Stream <c>payment-{orderId}</c>.</summary>
    public static IReadOnlyList<DomainEventType> Payments { get; } =
    [
        new(PaymentCaptured.TypeName, DomainJsonContext.Default.PaymentCaptured),
        new(PaymentDeclined.TypeName, DomainJsonContext.Default.PaymentDeclined),
        new(PaymentAbandoned.TypeName, DomainJsonContext.Default.PaymentAbandoned),
        new(PaymentRefunded.TypeName, DomainJsonContext.Default.PaymentRefunded),
    ];

    /// <summary>Stream <c>order-{orderId}</c>.</summary>
    public static IReadOnlyList<DomainEventType> Ordering { get; } =
    [
        new(OrderPlaced.TypeName, DomainJsonContext.Default.OrderPlaced),
        new(OrderApproved.TypeName, DomainJsonContext.Default.OrderApproved),
        new(OrderRejected.TypeName, DomainJsonContext.Default.OrderRejected),
        new(OrderCancelled.TypeName, DomainJsonContext.Default.OrderCancelled),
        new(OrderCompensationFailed.TypeName, DomainJsonContext.Default.OrderCompensationFailed),
        new(OrderCompensationResolved.TypeName, DomainJsonContext.Default.OrderCompensationResolved),
    ];

    public static IReadOnlyList<DomainEventType> All { get; } = [.. Customers, .. Inventory, .. Payments, .. Ordering];
}
