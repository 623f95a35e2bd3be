using System.Collections.Concurrent;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.Domain;

namespace SagaFunctions.App.Inventory;

/// <summary>
/// Inventory's published price query: Ordering prices an order through it, never by reading
/// Inventory's tables. A SKU Inventory does not know has no price (the saga then rejects the
/// order with UNKNOWN_PRODUCT when it tries to reserve it).
/// A product's price is fixed when it is added (no event changes it), so a price once read is
/// remembered: a popular product is not re-read, snapshot and tail, for every order placed.
/// Unknown SKUs are not remembered, so a product added a moment later is priced on the next order.
/// </summary>
public sealed class PriceList(Aggregates aggregates)
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<string, decimal> _known = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, decimal>> UnitPricesAsync(IEnumerable<string> skus, CancellationToken cancellationToken = default)
    {
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var sku in skus.Distinct(StringComparer.Ordinal))
        {
            if (_known.TryGetValue(sku, out var price))
            {
                prices[sku] = price;
            }
            else
            {
                unknown.Add(sku);
            }
        }

        var products = await Task.WhenAll(unknown.Select(sku => aggregates.Products.LoadAsync(StreamNames.Product(sku), cancellationToken)));
        foreach (var product in products.Select(p => p.State).Where(p => p.Exists))
        {
            prices[product.Sku] = product.UnitPrice;
            Remember(product.Sku, product.UnitPrice);
        }

        return prices;
    }

    private void Remember(string sku, decimal unitPrice)
    {
        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }

        _known[sku] = unitPrice;
    }
}
