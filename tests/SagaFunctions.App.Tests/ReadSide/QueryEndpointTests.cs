using SagaFunctions.Testing;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SagaFunctions.Domain;
using SagaFunctions.App.Tests.Hosting;

namespace SagaFunctions.App.Tests.ReadSide;

[Collection(ReadSideHostDefinition.Name)]
public sealed class QueryEndpointTests(ReadSideHost host)
{
    [Theory]
    [InlineData("api/orders/no-such-order")]
    [InlineData("api/orders/no-such-order/events")]
    [InlineData("api/orders/no-such-order?asOf=1")]
    [InlineData("api/customers/no-such-customer")]
    [InlineData("api/customers/no-such-customer/orders")]
    [InlineData("api/products/no-such-sku")]
    public async Task Unknown_ids_are_404_problem_details(string path)
    {
        using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_bad_asOf_is_a_400_naming_the_field()
    {
        using var response = await host.Http.GetAsync(new Uri("api/orders/whatever?asOf=yesterday", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("asOf", out _));
    }

    [Fact]
    public async Task AsOf_by_version_and_by_timestamp_and_the_event_list_come_from_the_stream()
    {
        var scenario = new Scenario(host.Aggregates);
        await scenario.RegisterCustomerAsync();
        await scenario.AddProductAsync();
        var orderId = await scenario.PlaceOrderAsync(quantity: 2, unitPrice: 12.5m);
        var placedAt = DateTimeOffset.MinValue;
        await foreach (var recorded in host.Aggregates.Orders.ReadAsync(StreamNames.Order(orderId)))
        {
            placedAt = recorded.Timestamp;
            break;
        }

        await Task.Delay(20); // two distinct timestamps, so "as of the first" excludes the second
        await host.Aggregates.Orders.ExecuteAsync(StreamNames.Order(orderId), s => s.Reject("OUT_OF_STOCK"), $"{orderId}:reject");

        var atVersion1 = await host.Http.GetJsonAsync($"api/orders/{orderId}?asOf=1");
        Assert.Equal("PENDING", atVersion1!.Value.GetProperty("status").GetString());
        Assert.Equal(1, atVersion1.Value.GetProperty("version").GetInt64());
        Assert.Equal(25m, atVersion1.Value.GetProperty("total").GetDecimal());

        var timestamp = Uri.EscapeDataString(placedAt.ToString("O", CultureInfo.InvariantCulture));
        var atTime = await host.Http.GetJsonAsync($"api/orders/{orderId}?asOf={timestamp}");
        Assert.Equal("PENDING", atTime!.Value.GetProperty("status").GetString());

        var now = await host.Http.GetJsonAsync($"api/orders/{orderId}?asOf=2");
        Assert.Equal("REJECTED", now!.Value.GetProperty("status").GetString());
        Assert.Equal("OUT_OF_STOCK", now.Value.GetProperty("rejectionReason").GetString());

        var events = await host.Http.GetJsonAsync($"api/orders/{orderId}/events");
        Assert.Equal(2, events!.Value.GetArrayLength());
        Assert.Equal(1, events.Value[0].GetProperty("version").GetInt64());
        Assert.Equal("ordering.order-placed.v1", events.Value[0].GetProperty("type").GetString());
        Assert.Equal(orderId, events.Value[0].GetProperty("data").GetProperty("orderId").GetString());
        Assert.True(events.Value[0].TryGetProperty("timestamp", out _));
        Assert.Equal("ordering.order-rejected.v1", events.Value[1].GetProperty("type").GetString());

        // The read model, once caught up, agrees with the stream.
        var view = await host.Http.EventuallyGetAsync($"api/orders/{orderId}", o => o.GetProperty("version").GetInt64() == 2, "the view catches up");
        Assert.Equal(now.Value.GetRawText(), view.GetRawText());
    }

    [Fact]
    public async Task Every_view_answers_with_the_fields_names_order_and_types_of_the_api()
    {
        var scenario = new Scenario(host.Aggregates);
        await scenario.RegisterCustomerAsync(creditLimit: 100m);
        await scenario.AddProductAsync(stock: 5, unitPrice: 12.50m);
        var orderId = await scenario.PlaceApprovedOrderAsync(quantity: 2, unitPrice: 12.50m);

        var order = await host.Http.EventuallyGetAsync($"api/orders/{orderId}", o => o.GetProperty("version").GetInt64() == 2, "the order view is built");
        var history = await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}/orders", h => h.GetArrayLength() == 1 && h[0].GetProperty("status").GetString() == "APPROVED", "the history is built");
        var customer = await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}", c => c.GetProperty("availableCredit").GetDecimal() == 75m, "the customer view is built");
        var product = await host.Http.EventuallyGetAsync($"api/products/{scenario.Sku}", p => p.GetProperty("available").GetInt32() == 3, "the product view is built");

        Assert.Equal("orderId:String customerId:String status:String rejectionReason:Null total:Number items:Array version:Number", Shape(order));
        Assert.Equal("sku:String quantity:Number unitPrice:Number", Shape(order.GetProperty("items")[0]));
        Assert.Equal("orderId:String status:String total:Number rejectionReason:Null", Shape(history[0]));
        Assert.Equal("customerId:String name:String creditLimit:Number availableCredit:Number", Shape(customer));
        Assert.Equal("sku:String name:String unitPrice:Number available:Number", Shape(product));
        Assert.Equal(("25.00", "12.50"), (order.GetProperty("total").GetRawText(), product.GetProperty("unitPrice").GetRawText()));
    }

    [Fact]
    public async Task Projection_status_lists_every_projection_with_its_backlog()
    {
        var status = await host.Http.GetJsonAsync("api/projections");

        var names = status!.Value.GetProperty("projections").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["orders", "customers", "products", "sagas"], names);
        Assert.True(status.Value.GetProperty("generation").GetProperty("current").GetInt32() >= 1);
        foreach (var projection in status.Value.GetProperty("projections").EnumerateArray())
        {
            Assert.True(projection.GetProperty("pendingMarkers").GetInt32() >= 0);
            Assert.True(projection.GetProperty("lagSeconds").GetDouble() >= 0);
        }
    }

    private static string Shape(JsonElement json) => string.Join(" ", json.EnumerateObject().Select(p => $"{p.Name}:{p.Value.ValueKind}"));
}
