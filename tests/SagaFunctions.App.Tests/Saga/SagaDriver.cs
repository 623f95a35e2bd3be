using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Ordering;

namespace SagaFunctions.App.Tests.Saga;

/// <summary>Drives the app over HTTP like a client, and reads the aggregates to check the effects.</summary>
public sealed class SagaDriver(AppHostFixture app)
{
    private AppStreams Aggregates => new AppStreams(app.Host.Services);

    public async Task<string> RegisterCustomerAsync(decimal creditLimit)
    {
        var response = await app.Http.PostAsJsonAsync("/api/customers", new { name = "Ada", creditLimit });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString()!;
    }

    public async Task<string> AddProductAsync(decimal unitPrice, int stock)
    {
        var sku = "SKU-" + Guid.NewGuid().ToString("N")[..10];
        var response = await app.Http.PostAsJsonAsync("/api/products", new { sku, name = "Widget", unitPrice, stock });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return sku;
    }

    /// <summary>Places an order with an Idempotency-Key, so the test knows the order id up front.</summary>
    public async Task<string> PlaceOrderAsync(string customerId, IEnumerable<(string Sku, int Quantity)> items, string token = "tok_visa", string? key = null)
    {
        key ??= Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId, items = items.Select(i => new { sku = i.Sku, quantity = i.Quantity }), paymentToken = token }),
        };
        request.Headers.Add(OrderIds.IdempotencyKeyHeader, key);
        var response = await app.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PENDING", body.GetProperty("status").GetString());
        return body.GetProperty("orderId").GetString()!;
    }

    public static string OrderIdFor(string customerId, string key) => OrderIds.FromIdempotencyKey(customerId, key);

    public async Task<OrderState> WaitForFinalOrderAsync(string orderId)
    {
        var saga = await app.Durable.ForCompletionAsync(orderId, TimeSpan.FromSeconds(150));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, saga.RuntimeStatus);
        return (await Aggregates.Orders.LoadAsync(StreamNames.Order(orderId))).State;
    }

    public async Task<decimal> AvailableCreditAsync(string customerId) =>
        (await Aggregates.Customers.LoadAsync(StreamNames.Customer(customerId))).State.AvailableCredit;

    public async Task<int> AvailableStockAsync(string sku) =>
        (await Aggregates.Products.LoadAsync(StreamNames.Product(sku))).State.Available;

    /// <summary>The saga's timeline as (name, kind, outcome), from <c>GET /api/orders/{id}/saga</c>.</summary>
    public async Task<IReadOnlyList<(string Name, string Kind, string Outcome)>> TimelineAsync(string orderId)
    {
        var saga = await app.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/saga");
        return saga.GetProperty("progress").GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("kind").GetString()!, s.GetProperty("outcome").GetString()!))
            .ToList();
    }

    public async Task<IReadOnlyList<string>> CompensationsAsync(string orderId) =>
        (await TimelineAsync(orderId)).Where(s => s.Kind == "compensation").Select(s => s.Name).ToList();
}
