using System.Text.Json.Serialization;

namespace SagaFunctions.Domain.Ordering;

/// <summary>A priced order line.</summary>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice)
{
    [JsonIgnore]
    public decimal LineTotal => Quantity * UnitPrice;
}

/// <summary>The order-total computation, shared by placement and the saga.</summary>
public static class OrderPricing
{
    /// <summary>Σ quantity × unitPrice, exact (no rounding).</summary>
    public static decimal Total(IEnumerable<OrderLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Sum(l => l.Quantity * l.UnitPrice);
    }

    /// <summary>
    /// Prices requested items with the catalogue's unit prices. Returns <c>false</c> with the first
    /// unknown SKU in <paramref name="unknownSku"/> when a price is missing.
    /// </summary>
    public static bool TryPrice(
        IEnumerable<(string Sku, int Quantity)> items,
        IReadOnlyDictionary<string, decimal> unitPrices,
        out IReadOnlyList<OrderLine> lines,
        out string? unknownSku)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(unitPrices);
        var priced = new List<OrderLine>();
        foreach (var (sku, quantity) in items)
        {
            if (!unitPrices.TryGetValue(sku, out var unitPrice))
            {
                lines = [];
                unknownSku = sku;
                return false;
            }

            priced.Add(new OrderLine(sku, quantity, unitPrice));
        }

        lines = priced;
        unknownSku = null;
        return true;
    }
}
