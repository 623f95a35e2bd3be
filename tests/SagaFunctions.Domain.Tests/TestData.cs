using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.Domain.Tests;

/// <summary>Builders for test data.</summary>
internal static class TestData
{
    public const string CustomerId = "cust-1";
    public const string OrderId = "order-1";
    public const string OtherOrderId = "order-2";
    public const string Sku = "SKU-1";

    public static readonly DateTimeOffset PlacedAt = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static CustomerRegistered Registered(decimal creditLimit = 100m) => new(CustomerId, "Ada", creditLimit);

    public static ProductAdded Added(int stock = 10, decimal unitPrice = 2.5m) => new(Sku, "Widget", unitPrice, stock);

    public static IReadOnlyList<OrderLine> Lines() => [new OrderLine("SKU-1", 2, 10m), new OrderLine("SKU-2", 1, 5.25m)];

    public static OrderPlaced Placed(string orderId = OrderId) =>
        new(orderId, CustomerId, Lines(), 25.25m, "tok_visa", SagaStyles.Orchestration, PlacedAt);
}
