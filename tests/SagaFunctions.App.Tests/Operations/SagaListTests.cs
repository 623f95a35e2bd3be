using System.Net;
using System.Text.Json;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Operations;

/// <summary><c>GET /api/operations/sagas</c>: the list from its read model, filtered, counted and paged.</summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class SagaListTests(AppHostFixture app)
{
    private readonly SagaDriver _driver = new(app);
    private readonly OperatorClient _operator = new(app.Http);

    [Fact]
    public async Task The_list_filters_by_status_and_customer_counts_per_status_and_pages_with_a_continuation_token()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var approved = await _driver.PlaceOrderAsync(customer, [(sku, 1)]);
        var declined = await _driver.PlaceOrderAsync(customer, [(sku, 1)], token: "tok_declined", style: "choreography");
        await _driver.WaitForFinalOrderAsync(approved);
        await _driver.WaitForFinalOrderAsync(declined);
        var all = await _operator.EventuallyListedAsync(customer, new Dictionary<string, string> { [approved] = "APPROVED", [declined] = "REJECTED" });

        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([declined, approved], items.Select(i => i.GetProperty("orderId").GetString())); // newest first
        Assert.Equal(("choreography", "PAYMENT_DECLINED"), (items[0].GetProperty("style").GetString(), items[0].GetProperty("rejectionReason").GetString()));
        Assert.Equal(JsonValueKind.String, items[1].GetProperty("endedAt").ValueKind);
        Assert.Equal((1, 1), (all.GetProperty("counts").GetProperty("APPROVED").GetInt32(), all.GetProperty("counts").GetProperty("REJECTED").GetInt32()));

        var (_, rejectedOnly) = await _operator.ListAsync($"customerId={customer}&status=REJECTED,CANCELLED");
        Assert.Equal([declined], rejectedOnly.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()));
        Assert.Equal(1, rejectedOnly.GetProperty("counts").GetProperty("APPROVED").GetInt32()); // counts are per status whatever the status filter

        var (_, first) = await _operator.ListAsync($"customerId={customer}&pageSize=1");
        var token = first.GetProperty("continuation").GetString();
        var (_, second) = await _operator.ListAsync($"customerId={customer}&pageSize=1&continuation={Uri.EscapeDataString(token!)}");
        Assert.Equal([declined], first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()));
        Assert.Equal([approved], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()));
    }

    [Theory]
    [InlineData("status=DONE")]
    [InlineData("style=saga")]
    [InlineData("pageSize=0")]
    [InlineData("from=yesterday")]
    [InlineData("continuation=bm9wZQ")]
    public async Task A_bad_filter_is_a_validation_problem(string query)
    {
        var (status, problem) = await _operator.ListAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(), problem.ToString());
    }
}
