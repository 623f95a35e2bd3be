using SagaFunctions.Domain.Ordering;

namespace SagaFunctions.Domain.Tests.Ordering;

public class OrderPricingTests
{
    [Fact]
    public void Total_is_the_exact_sum_of_quantity_times_unit_price()
    {
        Assert.Equal(25.25m, OrderPricing.Total(TestData.Lines()));
        Assert.Equal(0.3m, OrderPricing.Total([new OrderLine("a", 3, 0.1m)]));
        Assert.Equal(0m, OrderPricing.Total([]));
    }

    [Fact]
    public void Total_of_the_largest_valid_order_does_not_overflow()
    {
        var lines = Enumerable.Repeat(new OrderLine("a", 10_000, 1_000_000m), 100);

        Assert.Equal(1_000_000_000_000m, OrderPricing.Total(lines));
    }

    [Fact]
    public void TryPrice_prices_items_with_the_catalogue_prices()
    {
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["SKU-1"] = 10m, ["SKU-2"] = 5.25m };

        Assert.True(OrderPricing.TryPrice([("SKU-1", 2), ("SKU-2", 1)], prices, out var lines, out var unknown));
        Assert.Equal(TestData.Lines(), lines);
        Assert.Null(unknown);
    }

    [Fact]
    public void TryPrice_reports_the_first_unknown_sku()
    {
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["SKU-1"] = 10m };

        Assert.False(OrderPricing.TryPrice([("SKU-1", 2), ("SKU-9", 1)], prices, out var lines, out var unknown));
        Assert.Empty(lines);
        Assert.Equal("SKU-9", unknown);
    }
}
