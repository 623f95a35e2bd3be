using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>Writes a small business scenario through the app's aggregates (the write side), with unique ids.</summary>
public sealed class Scenario(AppStreams aggregates, string tag = "")
{
    public string CustomerId { get; } = Unique("cust" + tag);

    public string Sku { get; } = Unique("sku" + tag);

    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    public async Task RegisterCustomerAsync(decimal creditLimit = 1000m) =>
        Check(await aggregates.Customers.ExecuteAsync(StreamNames.Customer(CustomerId), s => s.Register(CustomerId, "Ada " + CustomerId, creditLimit), $"{CustomerId}:register"));

    public async Task AddProductAsync(int stock = 10, decimal unitPrice = 12.5m) =>
        Check(await aggregates.Products.ExecuteAsync(StreamNames.Product(Sku), s => s.Add(Sku, "Widget " + Sku, unitPrice, stock), $"{Sku}:add"));

    /// <summary>Places an order and runs the saga's happy path on the streams (reserve, reserve, capture, approve).</summary>
    public async Task<string> PlaceApprovedOrderAsync(int quantity, decimal unitPrice = 12.5m)
    {
        var orderId = await PlaceOrderAsync(quantity, unitPrice);
        var total = quantity * unitPrice;
        Check(await aggregates.Customers.ExecuteAsync(StreamNames.Customer(CustomerId), s => s.ReserveCredit(orderId, total), $"{orderId}:credit"));
        Check(await aggregates.Products.ExecuteAsync(StreamNames.Product(Sku), s => s.ReserveStock(orderId, quantity), $"{orderId}:stock"));
        Check(await aggregates.Orders.ExecuteAsync(StreamNames.Order(orderId), s => s.Approve(), $"{orderId}:approve"));
        return orderId;
    }

    public async Task<string> PlaceRejectedOrderAsync(int quantity, string reason)
    {
        var orderId = await PlaceOrderAsync(quantity, 12.5m);
        Check(await aggregates.Orders.ExecuteAsync(StreamNames.Order(orderId), s => s.Reject(reason), $"{orderId}:reject"));
        return orderId;
    }

    /// <param name="sku">The product ordered: this scenario's own unless given.</param>
    public async Task<string> PlaceOrderAsync(int quantity, decimal unitPrice, string? sku = null)
    {
        var orderId = Unique("order" + tag);
        Check(await aggregates.Orders.ExecuteAsync(
            StreamNames.Order(orderId),
            s => s.Place(orderId, CustomerId, [new OrderLine(sku ?? Sku, quantity, unitPrice)], "tok_visa", SagaStyles.Orchestration, DateTimeOffset.UtcNow),
            $"{orderId}:place"));
        return orderId;
    }

    private static void Check<T>(CommandOutcome<T> outcome)
        where T : notnull => Assert.True(outcome.Result.Succeeded, "command failed: " + outcome.Result);
}
