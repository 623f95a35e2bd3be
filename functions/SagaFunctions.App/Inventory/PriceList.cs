using SagaFunctions.App.Infrastructure;
using SagaFunctions.Domain;

namespace SagaFunctions.App.Inventory;

/// <summary>
/// Inventory's published price query: Ordering prices an order through it, never by reading
/// Inventory's tables. A SKU Inventory does not know has no price (the saga then rejects the
/// order with UNKNOWN_PRODUCT when it tries to reserve it).
/// </summary>
public sealed class PriceList(Aggregates aggregates)
{
    public async Task<IReadOnlyDictionary<string, decimal>> UnitPricesAsync(IEnumerable<string> skus, CancellationToken cancellationToken = default)
    {
        var distinct = skus.Distinct(StringComparer.Ordinal).ToList();
        var products = await Task.WhenAll(distinct.Select(sku => aggregates.Products.LoadAsync(StreamNames.Product(sku), cancellationToken)));
        return distinct.Zip(products)
            .Where(p => p.Second.State.Exists)
            .ToDictionary(p => p.First, p => p.Second.State.UnitPrice, StringComparer.Ordinal);
    }
}
