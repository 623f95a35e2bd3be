using SagaFunctions.Domain.Ordering;

namespace SagaFunctions.Domain.Saga;

/// <summary>Quantity of one SKU to reserve or release for an order.</summary>
public sealed record StockLine(string Sku, int Quantity)
{
    /// <summary>
    /// One line per SKU (quantities of repeated SKUs summed), in order of first appearance: a product
    /// holds at most one reservation per order, so ReserveStock must run once per SKU.
    /// </summary>
    public static IReadOnlyList<StockLine> FromOrderLines(IEnumerable<OrderLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return [.. lines
            .GroupBy(l => l.Sku, StringComparer.Ordinal)
            .Select(g => new StockLine(g.Key, checked(g.Sum(l => l.Quantity))))];
    }
}
