using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.Projections.Tests.Hosting;

/// <summary>Writes a small business scenario through the app's aggregates (the write side), with unique ids.</summary>
public sealed class Scenario(Aggregates aggregates, string tag = "")
{
    public string CustomerId { get; } = Unique("cust" + tag);

    public string Sku { get; } = Unique("sku" + tag);

    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    public async Task RegisterCustomerAsync(decimal creditLimit = 1000m) =>
        Check(await aggregates.Customers.ExecuteAsync(StreamNames.Customer(CustomerId), s => s.Register(CustomerId, "Ada " + CustomerId, creditLimit), i => $"{CustomerId}:register:{i}"));

    public async Task AddProductAsync(int stock = 10, decimal unitPrice = 12.5m) =>
        Check(await aggregates.Products.ExecuteAsync(StreamNames.Product(Sku), s => s.Add(Sku, "Widget " + Sku, unitPrice, stock), i => $"{Sku}:add:{i}"));

    /// <summary>Places an order and runs the saga's happy path on the streams (reserve, reserve, capture, approve).</summary>
    public async Task<string> PlaceApprovedOrderAsync(int quantity, decimal unitPrice = 12.5m)
    {
        var orderId = await PlaceOrderAsync(quantity, unitPrice);
        var total = quantity * unitPrice;
        Check(await aggregates.Customers.ExecuteAsync(StreamNames.Customer(CustomerId), s => s.ReserveCredit(orderId, total), i => $"{orderId}:credit:{i}"));
        Check(await aggregates.Products.ExecuteAsync(StreamNames.Product(Sku), s => s.ReserveStock(orderId, quantity), i => $"{orderId}:stock:{i}"));
        Check(await aggregates.Orders.ExecuteAsync(StreamNames.Order(orderId), s => s.Approve(), i => $"{orderId}:approve:{i}"));
        return orderId;
    }

    public async Task<string> PlaceRejectedOrderAsync(int quantity, string reason)
    {
        var orderId = await PlaceOrderAsync(quantity, 12.5m);
        Check(await aggregates.Orders.ExecuteAsync(StreamNames.Order(orderId), s => s.Reject(reason), i => $"{orderId}:reject:{i}"));
        return orderId;
    }

    /// <param name="sku">The product ordered: this scenario's own unless given.</param>
    public async Task<string> PlaceOrderAsync(int quantity, decimal unitPrice, string? sku = null)
    {
        var orderId = Unique("order" + tag);
        Check(await aggregates.Orders.ExecuteAsync(
            StreamNames.Order(orderId),
            s => s.Place(orderId, CustomerId, [new OrderLine(sku ?? Sku, quantity, unitPrice)], "tok_visa", SagaStyles.Orchestration, DateTimeOffset.UtcNow),
            i => $"{orderId}:place:{i}"));
        return orderId;
    }

    private static void Check<T>(CommandOutcome<T> outcome)
        where T : notnull => Assert.True(outcome.Result.Succeeded, "command failed: " + outcome.Result);
}

/// <summary>GETs against the host's API.</summary>
public static class Api
{
    public static async Task<JsonElement?> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the path until its JSON satisfies the condition; returns that JSON.</summary>
    public static async Task<JsonElement> EventuallyGetAsync(this HttpClient http, string path, Func<JsonElement, bool> condition, string because)
    {
        JsonElement last = default;
        await ReadSideHost.EventuallyAsync(async () =>
        {
            var json = await http.GetJsonAsync(path);
            if (json is { } found && condition(found))
            {
                last = found;
                return true;
            }

            return false;
        }, because);
        return last;
    }
}
