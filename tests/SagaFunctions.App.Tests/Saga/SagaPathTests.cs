using System.Net;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Saga;

/// <summary>
/// Every way an order saga can end, once per saga style on the one host: the same status and reason,
/// the balances restored, and the style's own trail: the compensations an orchestration ran (its
/// timeline), the chain of events a choreography published. The host publishes every integration
/// event twice, so a chain holding each fact once also shows the choreography's handlers are idempotent.
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class SagaPathTests(AppHostFixture app)
{
    private static readonly string[] BothCompensations = ["ReleaseStock", "ReleaseCredit"];

    private readonly SagaDriver _driver = new(app);

    public static TheoryData<string> Styles => new() { "orchestration", "choreography" };

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Order_within_credit_and_stock_with_a_good_card_is_approved_and_keeps_its_reservations(string style)
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 3)], style: style);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("APPROVED", null), (order.Status, order.RejectionReason));
        Assert.Equal(30m, order.Total);
        Assert.Equal(70m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(2, await _driver.AvailableStockAsync(sku));
        await AssertTrailAsync(style, orderId, compensations: [],
            ("ordering", "ordering.order-placed.v1"),
            ("customers", "customers.credit-reserved.v1"),
            ("inventory", "inventory.stock-reserved.v1"),
            ("inventory", "inventory.order-stock-reserved.v1"),
            ("payments", "payments.payment-captured.v1"),
            ("ordering", "ordering.order-approved.v1"));
        if (style == "orchestration")
        {
            Assert.Equal(["ReserveCredit", "ReserveStock", "CapturePayment", "ApproveOrder"], (await _driver.TimelineAsync(orderId)).Select(s => s.Name));
        }
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Unknown_customer_is_rejected_after_the_payment_is_given_up_and_every_compensation_finds_nothing_to_release(string style)
    {
        var sku = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync(SagaDriver.UnknownCustomer(), [(sku, 1)], style: style);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("REJECTED", "UNKNOWN_CUSTOMER"), (order.Status, order.RejectionReason));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
        await AssertTrailAsync(style, orderId, BothCompensations,
            ("ordering", "ordering.order-placed.v1"),
            ("customers", "customers.credit-reservation-failed.v1"),
            ("payments", "payments.payment-abandoned.v1"),
            ("inventory", "inventory.stock-released.v1"),
            ("inventory", "inventory.stock-compensated.v1"),
            ("customers", "customers.credit-compensated.v1"),
            ("ordering", "ordering.order-rejected.v1"));
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Insufficient_credit_is_rejected_and_no_stock_is_taken(string style)
    {
        var customer = await _driver.RegisterCustomerAsync(5m);
        var sku = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 1)], style: style);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("REJECTED", "INSUFFICIENT_CREDIT"), (order.Status, order.RejectionReason));
        Assert.Equal(5m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
        await AssertTrailAsync(style, orderId, BothCompensations,
            ("ordering", "ordering.order-placed.v1"),
            ("customers", "customers.credit-reservation-failed.v1"),
            ("payments", "payments.payment-abandoned.v1"),
            ("inventory", "inventory.stock-released.v1"),
            ("inventory", "inventory.stock-compensated.v1"),
            ("customers", "customers.credit-released.v1"),
            ("customers", "customers.credit-compensated.v1"),
            ("ordering", "ordering.order-rejected.v1"));
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Unknown_product_is_rejected_after_releasing_the_stock_and_the_credit(string style)
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var known = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync(customer, [(known, 2), (SagaDriver.UnknownSku(), 1)], style: style);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("REJECTED", "UNKNOWN_PRODUCT"), (order.Status, order.RejectionReason));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(known)); // reserved by the failed step, released by the compensation
        await AssertTrailAsync(style, orderId, BothCompensations,
            ("ordering", "ordering.order-placed.v1"),
            ("customers", "customers.credit-reserved.v1"),
            ("inventory", "inventory.stock-reserved.v1"),
            ("inventory", "inventory.stock-reservation-failed.v1"),
            ("payments", "payments.payment-abandoned.v1"),
            ("inventory", "inventory.stock-released.v1"),
            ("inventory", "inventory.stock-compensated.v1"),
            ("customers", "customers.credit-released.v1"),
            ("customers", "customers.credit-compensated.v1"),
            ("ordering", "ordering.order-rejected.v1"));
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Out_of_stock_is_rejected_after_releasing_the_stock_and_the_credit(string style)
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 2);

        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 3)], style: style);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("REJECTED", "OUT_OF_STOCK"), (order.Status, order.RejectionReason));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(2, await _driver.AvailableStockAsync(sku));
        await AssertTrailAsync(style, orderId, BothCompensations,
            ("ordering", "ordering.order-placed.v1"),
            ("customers", "customers.credit-reserved.v1"),
            ("inventory", "inventory.stock-reservation-failed.v1"),
            ("payments", "payments.payment-abandoned.v1"),
            ("inventory", "inventory.stock-released.v1"),
            ("inventory", "inventory.stock-compensated.v1"),
            ("customers", "customers.credit-released.v1"),
            ("customers", "customers.credit-compensated.v1"),
            ("ordering", "ordering.order-rejected.v1"));
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Declined_payment_is_rejected_after_releasing_stock_then_credit(string style)
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 2)], token: "tok_declined", style: style);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("REJECTED", "PAYMENT_DECLINED"), (order.Status, order.RejectionReason));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
        await AssertTrailAsync(style, orderId, BothCompensations,
            ("ordering", "ordering.order-placed.v1"),
            ("customers", "customers.credit-reserved.v1"),
            ("inventory", "inventory.stock-reserved.v1"),
            ("inventory", "inventory.order-stock-reserved.v1"),
            ("payments", "payments.payment-declined.v1"),
            ("inventory", "inventory.stock-released.v1"),
            ("inventory", "inventory.stock-compensated.v1"),
            ("customers", "customers.credit-released.v1"),
            ("customers", "customers.credit-compensated.v1"),
            ("ordering", "ordering.order-rejected.v1"));
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Payment_gateway_that_never_answers_times_out_and_releases_stock_then_credit(string style)
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);

        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 2)], token: "tok_timeout", style: style);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("REJECTED", "TIMEOUT"), (order.Status, order.RejectionReason));
        await AssertAbandonedAndCompensatedAsync(style, orderId, customer, sku, "TIMEOUT", "ordering.order-rejected.v1");
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Capture_that_comes_after_the_timeout_is_refused_and_the_order_stays_timed_out(string style)
    {
        // A good card, but the capture is held at the gateway's door until the step timeout has passed.
        using var held = await PlaceOrderHeldAtCaptureAsync(style);
        await Eventually.ValueAsync(() => _driver.PaymentAsync(held.OrderId), p => p.Outcome is not null, "the step timeout abandoned the payment");
        held.Capture.Release();
        var order = await _driver.WaitForFinalOrderAsync(held.OrderId);

        Assert.Equal(("REJECTED", "TIMEOUT"), (order.Status, order.RejectionReason));
        await AssertAbandonedAndCompensatedAsync(style, held.OrderId, held.Customer, held.Sku, "TIMEOUT", "ordering.order-rejected.v1");
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Cancel_before_the_pivot_cancels_and_compensates_and_cancel_after_the_end_is_a_conflict(string style)
    {
        // Credit and stock reserved, the capture about to run: the cancel races the pivot.
        using var held = await PlaceOrderHeldAtCaptureAsync(style);
        var cancel = await _driver.CancelAsync(held.OrderId);
        held.Capture.Release();
        var order = await _driver.WaitForFinalOrderAsync(held.OrderId);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(("CANCELLED", "CANCELLED"), (order.Status, order.RejectionReason));
        await AssertAbandonedAndCompensatedAsync(style, held.OrderId, held.Customer, held.Sku, "CANCELLED", "ordering.order-cancelled.v1");

        var tooLate = await _driver.CancelAsync(held.OrderId);
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Equal("application/problem+json", tooLate.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Cancel_after_the_payment_is_a_conflict_and_the_order_stays_approved(string style)
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 2)], style: style);
        await _driver.WaitForFinalOrderAsync(orderId);

        var cancel = await _driver.CancelAsync(orderId);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("application/problem+json", cancel.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("APPROVED", null), (order.Status, order.RejectionReason));
        Assert.Equal(PaymentOutcome.Captured, (await _driver.PaymentAsync(orderId)).Outcome);
        Assert.Equal(80m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(3, await _driver.AvailableStockAsync(sku));
    }

    [Fact]
    public async Task Cancel_of_an_unknown_order_is_not_found()
    {
        var response = await _driver.CancelAsync("nosuchorder");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Saga_endpoint_answers_a_finished_order_with_its_style_and_final_status(string style)
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 1)], token: "tok_declined", style: style);
        await _driver.WaitForFinalOrderAsync(orderId);

        var saga = await _driver.SagaAsync(orderId);

        Assert.Equal(orderId, saga.GetProperty("orderId").GetString());
        Assert.Equal(style, saga.GetProperty("style").GetString());
        if (style == "orchestration")
        {
            // An orchestration answers with its runtime and its outcome.
            Assert.Equal("Completed", saga.GetProperty("runtimeStatus").GetString());
            Assert.Equal("REJECTED", saga.GetProperty("outcome").GetProperty("status").GetString());
            Assert.Equal("PAYMENT_DECLINED", saga.GetProperty("outcome").GetProperty("reason").GetString());
        }
        else
        {
            // A choreography has no runtime: it answers with the order's status and the chain of events.
            Assert.Equal("REJECTED", saga.GetProperty("status").GetString());
            Assert.Equal("PAYMENT_DECLINED", saga.GetProperty("rejectionReason").GetString());
            Assert.All(saga.GetProperty("events").EnumerateArray(), e => Assert.True(e.TryGetProperty("occurredAt", out _)));
        }
    }

    /// <summary>
    /// A customer with 100 credit, a product with 5 in stock at 10, and an order for 2 in
    /// <paramref name="style"/> that stands at the pivot: credit and stock reserved, its capture held at
    /// the gateway's door.
    /// </summary>
    private async Task<HeldOrder> PlaceOrderHeldAtCaptureAsync(string style)
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var key = Guid.NewGuid().ToString("N");
        var orderId = SagaDriver.OrderIdFor(customer, key);
        var capture = app.Holds.Hold("CapturePayment", orderId);
        try
        {
            await _driver.PlaceOrderAsync(customer, [(sku, 2)], style: style, key: key);
            await capture.Reached.WaitAsync(TimeSpan.FromSeconds(90));
            return new HeldOrder(customer, sku, orderId, capture);
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An order (of 2 units, by a customer with 100 credit, of a product with 5 in stock) whose payment
    /// was abandoned at the pivot with <paramref name="reason"/>: credit and stock are back, and its trail
    /// holds a declined payment's compensations (a chain that ends in <paramref name="finalEvent"/>).
    /// </summary>
    private async Task AssertAbandonedAndCompensatedAsync(string style, string orderId, string customer, string sku, string reason, string finalEvent)
    {
        var payment = await _driver.PaymentAsync(orderId);
        Assert.Equal((PaymentOutcome.Abandoned, reason), (payment.Outcome, payment.AbandonReason));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
        await AssertTrailAsync(style, orderId, BothCompensations,
            ("ordering", "ordering.order-placed.v1"),
            ("customers", "customers.credit-reserved.v1"),
            ("inventory", "inventory.stock-reserved.v1"),
            ("inventory", "inventory.order-stock-reserved.v1"),
            ("payments", "payments.payment-abandoned.v1"),
            ("inventory", "inventory.stock-released.v1"),
            ("inventory", "inventory.stock-compensated.v1"),
            ("customers", "customers.credit-released.v1"),
            ("customers", "customers.credit-compensated.v1"),
            ("ordering", finalEvent));
    }

    /// <summary>
    /// The saga's trail in its style: an orchestration ran exactly <paramref name="compensations"/>, in
    /// that order; a choreography's chain holds exactly the facts of <paramref name="chain"/>, each once
    /// (the links are ordered by their timestamps; the comparison is order-free so that two facts stamped
    /// in the same instant cannot fail it), starting with the first.
    /// </summary>
    private async Task AssertTrailAsync(string style, string orderId, string[] compensations, params (string Publisher, string Type)[] chain)
    {
        if (style == "orchestration")
        {
            Assert.Equal(compensations, await _driver.CompensationsAsync(orderId));
            return;
        }

        var actual = await _driver.ChainAsync(orderId);
        Assert.Equal(chain.Order(), actual.Order());
        Assert.Equal(chain[0], actual[0]);
    }

    /// <summary>An order standing at the pivot; disposing it lets the capture go.</summary>
    private sealed record HeldOrder(string Customer, string Sku, string OrderId, StepHold Capture) : IDisposable
    {
        public void Dispose() => Capture.Dispose();
    }
}
