using System.Net;
using System.Net.Http.Json;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Saga;

/// <summary>Every way an order saga can end, with exactly the right compensations and balances restored.</summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class SagaPathTests(AppHostFixture app)
{
    private readonly SagaDriver _driver = new(app);

    [Fact]
    public async Task Order_within_credit_and_stock_with_a_good_card_is_approved_and_keeps_its_reservations()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 3)]);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal("APPROVED", order.Status);
        Assert.Equal(30m, order.Total);
        Assert.Equal(70m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(2, await _driver.AvailableStockAsync(sku));
        Assert.Empty(await _driver.CompensationsAsync(orderId));
        Assert.Equal(["ReserveCredit", "ReserveStock", "CapturePayment", "ApproveOrder"], (await _driver.TimelineAsync(orderId)).Select(s => s.Name));
    }

    [Fact]
    public async Task Unknown_customer_is_rejected_after_every_compensation_finds_nothing_to_release()
    {
        var sku = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync("nobody" + Guid.NewGuid().ToString("N")[..8], [(sku, 1)]);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("REJECTED", "UNKNOWN_CUSTOMER"), (order.Status, order.RejectionReason));
        Assert.Equal(["ReleaseStock", "ReleaseCredit"], await _driver.CompensationsAsync(orderId));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
    }

    [Fact]
    public async Task Insufficient_credit_is_rejected_and_no_stock_is_taken()
    {
        var customer = await _driver.RegisterCustomerAsync(5m);
        var sku = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 1)]);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("REJECTED", "INSUFFICIENT_CREDIT"), (order.Status, order.RejectionReason));
        Assert.Equal(["ReleaseStock", "ReleaseCredit"], await _driver.CompensationsAsync(orderId));
        Assert.Equal(5m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
    }

    [Fact]
    public async Task Unknown_product_is_rejected_after_releasing_the_stock_and_the_credit()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var known = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync(customer, [(known, 2), ("NO-SUCH-SKU-" + Guid.NewGuid().ToString("N")[..6], 1)]);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("REJECTED", "UNKNOWN_PRODUCT"), (order.Status, order.RejectionReason));
        Assert.Equal(["ReleaseStock", "ReleaseCredit"], await _driver.CompensationsAsync(orderId));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(known)); // reserved by the failed step, released by the compensation
    }

    [Fact]
    public async Task Out_of_stock_is_rejected_after_releasing_the_stock_and_the_credit()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 2);

        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 3)]);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("REJECTED", "OUT_OF_STOCK"), (order.Status, order.RejectionReason));
        Assert.Equal(["ReleaseStock", "ReleaseCredit"], await _driver.CompensationsAsync(orderId));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(2, await _driver.AvailableStockAsync(sku));
    }

    [Fact]
    public async Task Declined_payment_is_rejected_after_releasing_stock_then_credit()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 2)], token: "tok_declined");
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("REJECTED", "PAYMENT_DECLINED"), (order.Status, order.RejectionReason));
        Assert.Equal(["ReleaseStock", "ReleaseCredit"], await _driver.CompensationsAsync(orderId));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
    }

    [Fact]
    public async Task Payment_gateway_that_never_answers_times_out_and_compensates()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 2)], token: "tok_timeout");
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("REJECTED", "TIMEOUT"), (order.Status, order.RejectionReason));
        Assert.Equal(["ReleaseStock", "ReleaseCredit"], await _driver.CompensationsAsync(orderId));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
    }

    [Fact]
    public async Task Cancel_before_the_pivot_cancels_and_compensates_and_cancel_after_the_end_is_a_conflict()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var key = Guid.NewGuid().ToString("N");
        var orderId = SagaDriver.OrderIdFor(customer, key);
        // Hold the saga in ReserveStock (its first attempts fail, then it is retried) so cancel lands before the pivot.
        app.Faults.FailBefore("ReserveStock", orderId, 2);

        await _driver.PlaceOrderAsync(customer, [(sku, 2)], key: key);
        await Eventually.TrueAsync(async () => (await app.Durable.GetInstanceAsync(orderId)) is not null, "the saga started");
        var cancel = await app.Http.PostAsync(new Uri($"/api/orders/{orderId}/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("CANCELLED", "CANCELLED"), (order.Status, order.RejectionReason));
        Assert.Equal(["ReleaseStock", "ReleaseCredit"], await _driver.CompensationsAsync(orderId));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));

        var tooLate = await app.Http.PostAsync(new Uri($"/api/orders/{orderId}/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Equal("application/problem+json", tooLate.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Cancel_of_an_unknown_order_is_not_found()
    {
        var response = await app.Http.PostAsync(new Uri("/api/orders/nosuchorder/cancel", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
