using SagaFunctions.Testing;
using System.Text.Json;
using SagaFunctions.App.Tests.Hosting;

namespace SagaFunctions.App.Tests.ReadSide;

[Collection(ReadSideHostDefinition.Name)]
public sealed class ViewProjectionTests(ReadSideHost host)
{
    [Fact]
    public async Task Appended_events_appear_in_the_order_customer_history_and_product_views()
    {
        var scenario = new Scenario(host.Aggregates);
        await scenario.RegisterCustomerAsync(creditLimit: 1000m);
        await scenario.AddProductAsync(stock: 10, unitPrice: 12.5m);
        var approved = await scenario.PlaceApprovedOrderAsync(quantity: 4);
        var rejected = await scenario.PlaceRejectedOrderAsync(quantity: 1, reason: "PAYMENT_DECLINED");

        var order = await host.Http.EventuallyGetAsync($"api/orders/{approved}", o => o.GetProperty("status").GetString() == "APPROVED", "the order view shows the approval");
        Assert.Equal(scenario.CustomerId, order.GetProperty("customerId").GetString());
        Assert.Equal(50m, order.GetProperty("total").GetDecimal());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("rejectionReason").ValueKind);
        Assert.Equal(2, order.GetProperty("version").GetInt64());
        var item = Assert.Single(order.GetProperty("items").EnumerateArray());
        Assert.Equal(scenario.Sku, item.GetProperty("sku").GetString());
        Assert.Equal(4, item.GetProperty("quantity").GetInt32());
        Assert.Equal(12.5m, item.GetProperty("unitPrice").GetDecimal());

        var customer = await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}", c => c.GetProperty("availableCredit").GetDecimal() == 950m, "the customer view shows the reservation");
        Assert.Equal(1000m, customer.GetProperty("creditLimit").GetDecimal());
        Assert.StartsWith("Ada ", customer.GetProperty("name").GetString(), StringComparison.Ordinal);

        var product = await host.Http.EventuallyGetAsync($"api/products/{scenario.Sku}", p => p.GetProperty("available").GetInt32() == 6, "the product view shows the reservation");
        Assert.Equal(12.5m, product.GetProperty("unitPrice").GetDecimal());

        var history = await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}/orders", h => h.GetArrayLength() == 2 && h[1].GetProperty("status").GetString() == "REJECTED", "the history lists both orders");
        Assert.Equal(approved, history[0].GetProperty("orderId").GetString());
        Assert.Equal("APPROVED", history[0].GetProperty("status").GetString());
        Assert.Equal(50m, history[0].GetProperty("total").GetDecimal());
        Assert.Equal(rejected, history[1].GetProperty("orderId").GetString());
        Assert.Equal("PAYMENT_DECLINED", history[1].GetProperty("rejectionReason").GetString());
    }
}
