using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Ordering;

/// <summary>An Idempotency-Key is scoped to its customer, as Stripe scopes keys to an account.</summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class IdempotencyScopeTests(AppHostFixture app)
{
    private readonly SagaDriver _driver = new(app);

    [Fact]
    public async Task Two_customers_using_one_key_get_two_orders_each_processed_and_neither_sees_the_other()
    {
        var ada = await _driver.RegisterCustomerAsync(100m);
        var bob = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        const string Key = "first-order";

        var adas = await _driver.PlaceOrderAsync(ada, [(sku, 1)], key: Key);
        var bobs = await _driver.PlaceOrderAsync(bob, [(sku, 2)], key: Key);

        Assert.NotEqual(adas, bobs);
        Assert.Equal(("APPROVED", "APPROVED"), ((await _driver.WaitForFinalOrderAsync(adas)).Status, (await _driver.WaitForFinalOrderAsync(bobs)).Status));
        Assert.Equal(90m, await _driver.AvailableCreditAsync(ada));
        Assert.Equal(80m, await _driver.AvailableCreditAsync(bob));
        await Eventually.TrueAsync(async () => (await HistoryAsync(ada)).Count == 1 && (await HistoryAsync(bob)).Count == 1, "both histories are projected");
        Assert.Equal([adas], await HistoryAsync(ada));
        Assert.Equal([bobs], await HistoryAsync(bob));
    }

    [Fact]
    public async Task The_same_key_from_the_same_customer_is_the_same_order_for_the_same_body_and_a_conflict_for_another()
    {
        var ada = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var key = Guid.NewGuid().ToString("N");

        var first = await _driver.PlaceOrderAsync(ada, [(sku, 1)], key: key);
        var again = await _driver.PlaceOrderAsync(ada, [(sku, 1)], key: key);
        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId = ada, items = new[] { new { sku, quantity = 3 } }, paymentToken = "tok_visa" }),
        };
        other.Headers.Add("Idempotency-Key", key);
        var conflict = await app.Http.SendAsync(other);

        Assert.Equal(first, again);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        await _driver.WaitForFinalOrderAsync(first);
        Assert.Equal(90m, await _driver.AvailableCreditAsync(ada)); // one order, once
    }

    // Read models are eventually consistent: before the customer's view is projected the route answers 404 (none yet).
    private async Task<List<string>> HistoryAsync(string customerId) =>
        await app.Http.GetJsonAsync($"/api/customers/{customerId}/orders") is { } history
            ? [.. history.EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!)]
            : [];
}
