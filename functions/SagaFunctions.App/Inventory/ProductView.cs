using SagaFunctions.Domain.Inventory;

namespace SagaFunctions.App.Inventory;

/// <summary>
/// The product view, as <c>GET /api/products/{sku}</c> answers it, and its pure fold. Unlike the
/// aggregate it keeps no reservations: the available units move by the reserved and released
/// quantities (the checkpoint makes each apply once).
/// </summary>
public sealed record ProductView(string Sku, string Name, decimal UnitPrice, int Available)
{
    /// <summary>The view a product stream's first event, the product's addition, creates.</summary>
    public static ProductView Create(object first) => first switch
    {
        ProductAdded e => new(e.Sku, e.Name, e.UnitPrice, e.Stock),
        _ => throw new ArgumentException($"A product stream starts with {nameof(ProductAdded)}, not {first?.GetType().Name}.", nameof(first)),
    };

    public ProductView Apply(object next) => next switch
    {
        StockReserved e => this with { Available = Available - e.Quantity },
        StockReleased e => this with { Available = Available + e.Quantity },
        _ => this,
    };
}
