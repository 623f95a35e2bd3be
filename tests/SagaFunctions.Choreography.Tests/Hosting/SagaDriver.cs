using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Ordering;

namespace SagaFunctions.Choreography.Tests.Hosting;

/// <summary>Drives the app over HTTP like a client, in either saga style, and reads the aggregates to check the effects.</summary>
public sealed class SagaDriver(ChoreographyHost host)
{
    private AppStreams Aggregates => new AppStreams(host.Host.Services);

    public async Task<string> RegisterCustomerAsync(decimal creditLimit)
    {
        var response = await host.Http.PostAsJsonAsync("/api/customers", new { name = "Ada", creditLimit });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString()!;
    }

    public async Task<string> AddProductAsync(decimal unitPrice, int stock)
    {
        var sku = "SKU-" + Guid.NewGuid().ToString("N")[..10];
        var response = await host.Http.PostAsJsonAsync("/api/products", new { sku, name = "Widget", unitPrice, stock });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return sku;
    }

    public static string UnknownSku() => "NO-SUCH-SKU-" + Guid.NewGuid().ToString("N")[..6];

    public static string UnknownCustomer() => "nobody" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The order id a placement with Idempotency-Key <paramref name="key"/> gets (to hold its steps before placing it).</summary>
    public static string OrderIdFor(string customerId, string key) => OrderIds.FromIdempotencyKey(customerId, key);

    public async Task<string> PlaceOrderAsync(string customerId, IEnumerable<(string Sku, int Quantity)> items, string token = "tok_visa", string style = "choreography", string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId, items = items.Select(i => new { sku = i.Sku, quantity = i.Quantity }), paymentToken = token, sagaStyle = style }),
        };
        request.Headers.Add(OrderIds.IdempotencyKeyHeader, key ?? Guid.NewGuid().ToString("N"));
        var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
    }

    /// <summary>
    /// The order once final. Both styles settle the order last (after the compensations), so a final
    /// order already has its balances restored.
    /// </summary>
    public Task<OrderState> WaitForFinalOrderAsync(string orderId) =>
        Eventually.ValueAsync(
            async () => (await Aggregates.Orders.LoadAsync(StreamNames.Order(orderId))).State,
            order => order.IsFinal,
            $"order {orderId} is final");

    public Task<HttpResponseMessage> CancelAsync(string orderId) =>
        host.Http.PostAsync(new Uri($"/api/orders/{orderId}/cancel", UriKind.Relative), null);

    public async Task<PaymentState> PaymentAsync(string orderId) =>
        (await Aggregates.Payments.LoadAsync(StreamNames.Payment(orderId))).State;

    public async Task<decimal> AvailableCreditAsync(string customerId) =>
        (await Aggregates.Customers.LoadAsync(StreamNames.Customer(customerId))).State.AvailableCredit;

    public async Task<int> AvailableStockAsync(string sku) =>
        (await Aggregates.Products.LoadAsync(StreamNames.Product(sku))).State.Available;

    public async Task<JsonElement> SagaAsync(string orderId) =>
        await host.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/saga");

    /// <summary>The choreographed saga's chain as (publisher, type), from <c>GET /api/orders/{id}/saga</c>.</summary>
    public async Task<IReadOnlyList<(string Publisher, string Type)>> ChainAsync(string orderId)
    {
        var saga = await SagaAsync(orderId);
        Assert.Equal("choreography", saga.GetProperty("style").GetString());
        return saga.GetProperty("events").EnumerateArray()
            .Select(e => (e.GetProperty("publisher").GetString()!, e.GetProperty("type").GetString()!))
            .ToList();
    }
}
