using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;
using Xunit;

namespace SagaFunctions.Testing;

/// <summary>
/// Drives the app over HTTP like a client, in either saga style, and reads the aggregates to check
/// the effects. One driver for every test of a host that runs the app.
/// </summary>
public sealed class SagaDriver(LocalHostFixture host)
{
    /// <summary>A wait for a saga to end, long enough for a step timeout and a busy machine.</summary>
    public static readonly TimeSpan FinalOrderTimeout = TimeSpan.FromSeconds(150);

    private AppStreams Aggregates => new(host.Host.Services);

    private HttpClient Http => host.Http;

    public static string UnknownSku() => "NO-SUCH-SKU-" + Guid.NewGuid().ToString("N")[..6];

    public static string UnknownCustomer() => "nobody" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The order id a placement with Idempotency-Key <paramref name="key"/> gets (to arm faults or hold steps before placing it).</summary>
    public static string OrderIdFor(string customerId, string key) => OrderIds.FromIdempotencyKey(customerId, key);

    public async Task<string> RegisterCustomerAsync(decimal creditLimit)
    {
        var response = await Http.PostAsJsonAsync("/api/customers", new { name = "Ada", creditLimit });
        await AssertStatusAsync(HttpStatusCode.Created, response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString()!;
    }

    public async Task<string> AddProductAsync(decimal unitPrice, int stock)
    {
        var sku = "SKU-" + Guid.NewGuid().ToString("N")[..10];
        var response = await Http.PostAsJsonAsync("/api/products", new { sku, name = "Widget", unitPrice, stock });
        await AssertStatusAsync(HttpStatusCode.Created, response);
        return sku;
    }

    /// <summary>
    /// Places an order (202, PENDING) in <paramref name="style"/> (null: the app's default style), with
    /// an Idempotency-Key (<paramref name="key"/>, or a new one) and, when given, a W3C
    /// <paramref name="traceParent"/> as a traced caller sends it; returns its id.
    /// </summary>
    public async Task<string> PlaceOrderAsync(
        string customerId, IEnumerable<(string Sku, int Quantity)> items, string token = "tok_visa", string? style = null, string? key = null, string? traceParent = null)
    {
        var lines = items.Select(i => new { sku = i.Sku, quantity = i.Quantity });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = style is null
                ? JsonContent.Create(new { customerId, items = lines, paymentToken = token })
                : JsonContent.Create(new { customerId, items = lines, paymentToken = token, sagaStyle = style }),
        };
        request.Headers.Add(OrderIds.IdempotencyKeyHeader, key ?? Guid.NewGuid().ToString("N"));
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        var response = await Http.SendAsync(request);
        await AssertStatusAsync(HttpStatusCode.Accepted, response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PENDING", body.GetProperty("status").GetString());
        return body.GetProperty("orderId").GetString()!;
    }

    /// <summary>
    /// The order once its saga has ended. Both styles settle the order last (after the compensations), so
    /// a final order has its balances restored; an orchestrated one is also waited for until its
    /// orchestration has completed (not failed), so its timeline and outcome are there to read.
    /// </summary>
    public async Task<OrderState> WaitForFinalOrderAsync(string orderId)
    {
        if ((await OrderAsync(orderId)).SagaStyle == SagaStyles.Orchestration)
        {
            var saga = await host.Get<DurableTaskClient>().EventuallyCompletedAsync(orderId, FinalOrderTimeout);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, saga.RuntimeStatus);
        }

        return await Eventually.ValueAsync(() => OrderAsync(orderId), order => order.IsFinal, $"order {orderId} is final", FinalOrderTimeout);
    }

    public Task<HttpResponseMessage> CancelAsync(string orderId) =>
        Http.PostAsync(new Uri($"/api/orders/{orderId}/cancel", UriKind.Relative), null);

    public async Task<OrderState> OrderAsync(string orderId) =>
        (await Aggregates.Orders.LoadAsync(StreamNames.Order(orderId))).State;

    public async Task<PaymentState> PaymentAsync(string orderId) =>
        (await Aggregates.Payments.LoadAsync(StreamNames.Payment(orderId))).State;

    public async Task<decimal> AvailableCreditAsync(string customerId) =>
        (await Aggregates.Customers.LoadAsync(StreamNames.Customer(customerId))).State.AvailableCredit;

    public async Task<int> AvailableStockAsync(string sku) =>
        (await Aggregates.Products.LoadAsync(StreamNames.Product(sku))).State.Available;

    /// <summary><c>GET /api/orders/{id}/saga</c>.</summary>
    public async Task<JsonElement> SagaAsync(string orderId) =>
        await Http.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/saga");

    /// <summary>An orchestrated saga's timeline as (name, kind, outcome), from <c>GET /api/orders/{id}/saga</c>.</summary>
    public async Task<IReadOnlyList<(string Name, string Kind, string Outcome)>> TimelineAsync(string orderId)
    {
        var saga = await SagaAsync(orderId);
        Assert.Equal("orchestration", saga.GetProperty("style").GetString());
        return saga.GetProperty("progress").GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("kind").GetString()!, s.GetProperty("outcome").GetString()!))
            .ToList();
    }

    /// <summary>The compensations an orchestrated saga ran, in order.</summary>
    public async Task<IReadOnlyList<string>> CompensationsAsync(string orderId) =>
        (await TimelineAsync(orderId)).Where(s => s.Kind == "compensation").Select(s => s.Name).ToList();

    /// <summary>A choreographed saga's chain as (publisher, type), from <c>GET /api/orders/{id}/saga</c>.</summary>
    public async Task<IReadOnlyList<(string Publisher, string Type)>> ChainAsync(string orderId)
    {
        var saga = await SagaAsync(orderId);
        Assert.Equal("choreography", saga.GetProperty("style").GetString());
        return saga.GetProperty("events").EnumerateArray()
            .Select(e => (e.GetProperty("publisher").GetString()!, e.GetProperty("type").GetString()!))
            .ToList();
    }

    /// <summary>Fails unless <paramref name="response"/> has <paramref name="expected"/>, showing its body and what the host last complained of.</summary>
    private async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} (expected {(int)expected}): {body}{Environment.NewLine}The host's last warnings and errors:{Environment.NewLine}{host.Logs.LastProblems()}");
        }
    }
}
