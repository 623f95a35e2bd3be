using SagaFunctions.Domain.Serialization;

namespace SagaFunctions.Domain.Inventory;

/// <summary>A product was added to the catalogue with its initial stock.</summary>
public sealed record ProductAdded(string Sku, string Name, decimal UnitPrice, int Stock) : IDomainEvent
{
    public const string TypeName = "inventory.product-added.v1";
}

/// <summary>Stock was reserved for an order (saga step ReserveStock).</summary>
public sealed record StockReserved(string OrderId, int Quantity) : IDomainEvent
{
    public const string TypeName = "inventory.stock-reserved.v1";
}

/// <summary>An order's stock reservation was released (compensation ReleaseStock).</summary>
public sealed record StockReleased(string OrderId, int Quantity) : IDomainEvent
{
    public const string TypeName = "inventory.stock-released.v1";
}

/// <summary>The Inventory context's events by stable name (stream <c>product-{sku}</c>).</summary>
public static class ProductEventTypes
{
    public static EventTypeMap Map { get; } = new(
    [
        EventTypeMap.Entry(ProductAdded.TypeName, DomainJsonContext.Default.ProductAdded),
        EventTypeMap.Entry(StockReserved.TypeName, DomainJsonContext.Default.StockReserved),
        EventTypeMap.Entry(StockReleased.TypeName, DomainJsonContext.Default.StockReleased),
    ]);
}
