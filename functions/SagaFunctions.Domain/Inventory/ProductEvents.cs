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
