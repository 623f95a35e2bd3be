using SagaFunctions.Domain;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.App.Platform.Shortcuts;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Inventory;

/// <summary>
/// Inventory's published price query: Ordering prices an order through it, never by reading
/// Inventory's tables. A SKU Inventory does not know has no price (the saga then rejects the
/// order with UNKNOWN_PRODUCT when it tries to reserve it).
/// A product's price is fixed when it is added (no event changes it), so a price once read is
/// remembered, and orders arriving together share one read of a product: a burst of orders for a
/// popular product reads it once, not once per order. An unknown SKU is forgotten as soon as it is
/// answered, so a product added a moment later is priced on the next order.
/// </summary>
public sealed class PriceList(IAggregateRepository<ProductState> products, InProcessShortcuts shortcuts)
{
    private readonly BoundedCache<Lazy<Task<decimal?>>> _prices = new(100_000, shortcuts);

    public async Task<IReadOnlyDictionary<string, decimal>> UnitPricesAsync(IEnumerable<string> skus)
    {
        var distinct = skus.Distinct(StringComparer.Ordinal).ToList();
        var prices = await Task.WhenAll(distinct.Select(PriceOfAsync));
        return distinct.Zip(prices)
            .Where(p => p.Second is not null)
            .ToDictionary(p => p.First, p => p.Second!.Value, StringComparer.Ordinal);
    }

    private async Task<decimal?> PriceOfAsync(string sku)
    {
        var read = _prices.GetOrAdd(sku, s => new Lazy<Task<decimal?>>(() => ReadAsync(s)));
        try
        {
            var price = await read.Value;
            if (price is null)
            {
                _prices.Forget(sku, read);
            }

            return price;
        }
        catch
        {
            _prices.Forget(sku, read);
            throw;
        }
    }

    // Not cancellable: the read is shared by every order waiting for it.
    private async Task<decimal?> ReadAsync(string sku)
    {
        var product = (await products.LoadAsync(StreamNames.Product(sku))).State;
        return product.Exists ? product.UnitPrice : null;
    }
}
