using SagaFunctions.App.Tests.Platform;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Tests.Inventory;

/// <summary>The Inventory service on in-memory streams: an order of several products, one stream each.</summary>
public sealed class InventoryServiceTests
{
    private readonly InMemoryContexts _app = new();

    [Fact]
    public async Task A_product_short_of_stock_fails_the_step_naming_it_and_the_release_frees_every_product()
    {
        await _app.Inventory.AddAsync("PLENTY", "Plenty", 1m, 5, CancellationToken.None);
        await _app.Inventory.AddAsync("SCARCE", "Scarce", 1m, 1, CancellationToken.None);
        var order = new OrderSagaInput("o1", "c1", [new OrderLine("PLENTY", 2, 1m), new OrderLine("SCARCE", 3, 1m)], 5m, PaymentTokens.Visa);

        var reserved = await _app.Inventory.ReserveStockAsync(order, CancellationToken.None);
        var heldMeanwhile = await AvailableAsync("PLENTY");
        await _app.Inventory.ReleaseStockAsync(order, PaymentDecision.NotCaptured(FailureReasons.OutOfStock), CancellationToken.None);

        Assert.Equal((false, FailureReasons.OutOfStock), (reserved.Succeeded, reserved.FailureReason));
        Assert.StartsWith("SCARCE: ", reserved.Detail, StringComparison.Ordinal);
        Assert.Equal(3, heldMeanwhile);
        Assert.Equal((5, 1), (await AvailableAsync("PLENTY"), await AvailableAsync("SCARCE")));
        // The product it never reserved records a zero release: a reservation that comes later is refused.
        Assert.Equal([ProductAdded.TypeName, StockReleased.TypeName], _app.ProductStreams.Events(StreamNames.Product("SCARCE")).Select(e => e.EventType));
    }

    [Fact]
    public async Task Repeated_sku_lines_are_reserved_once_as_their_sum()
    {
        await _app.Inventory.AddAsync("W", "Widget", 1m, 5, CancellationToken.None);
        var order = new OrderSagaInput("o1", "c1", [new OrderLine("W", 2, 1m), new OrderLine("W", 1, 1m)], 3m, PaymentTokens.Visa);

        Assert.True((await _app.Inventory.ReserveStockAsync(order, CancellationToken.None)).Succeeded);

        Assert.Equal(2, await AvailableAsync("W"));
    }

    private async Task<int> AvailableAsync(string sku) => (await _app.ProductStreams.LoadAsync(StreamNames.Product(sku))).State.Available;
}
