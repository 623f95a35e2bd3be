using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Saga;

[Collection(AppHostCollectionDefinition.Name)]
public sealed class SagaConcurrencyTests(AppHostFixture app)
{
    private readonly SagaDriver _driver = new(app);

    [Fact]
    public async Task Fifty_concurrent_orders_against_credit_for_ten_approve_exactly_ten()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 1000);

        var orders = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _driver.PlaceOrderAsync(customer, [(sku, 1)])));
        var finals = await Task.WhenAll(orders.Select(_driver.WaitForFinalOrderAsync));

        Assert.Equal(10, finals.Count(o => o.Status == "APPROVED"));
        Assert.Equal(40, finals.Count(o => o.Status == "REJECTED" && o.RejectionReason == "INSUFFICIENT_CREDIT"));
        Assert.Equal(0m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(990, await _driver.AvailableStockAsync(sku));
    }

    [Fact]
    public async Task Fifty_concurrent_orders_against_stock_for_ten_approve_exactly_ten()
    {
        var sku = await _driver.AddProductAsync(1m, 10);
        var customers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _driver.RegisterCustomerAsync(100m)));

        var orders = await Task.WhenAll(customers.Select(c => _driver.PlaceOrderAsync(c, [(sku, 1)])));
        var finals = await Task.WhenAll(orders.Select(_driver.WaitForFinalOrderAsync));

        Assert.Equal(10, finals.Count(o => o.Status == "APPROVED"));
        Assert.Equal(40, finals.Count(o => o.Status == "REJECTED" && o.RejectionReason == "OUT_OF_STOCK"));
        Assert.Equal(0, await _driver.AvailableStockAsync(sku));
        var credits = await Task.WhenAll(customers.Select(_driver.AvailableCreditAsync));
        Assert.Equal(10, credits.Count(c => c == 99m));
        Assert.Equal(40, credits.Count(c => c == 100m));
    }
}
