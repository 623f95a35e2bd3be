using SagaFunctions.App.Tests.Platform;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Tests.Ordering;

/// <summary>The Ordering service on in-memory streams: placing, cancelling and settling by the payment stream's decision.</summary>
public sealed class OrderServiceTests
{
    private readonly InMemoryContexts _app = new();

    [Fact]
    public async Task An_order_is_priced_by_the_price_list_and_an_unknown_product_has_no_price()
    {
        await _app.Inventory.AddAsync("W", "Widget", 2.5m, 10, CancellationToken.None);

        var placed = await PlaceAsync("o1", ("W", 2), ("NOPE", 1));

        Assert.Equal([new OrderLine("W", 2, 2.5m), new OrderLine("NOPE", 1, 0m)], placed.Items);
        Assert.Equal((OrderStatus.Pending, 5m), (placed.Status, placed.Total));
    }

    [Fact]
    public async Task A_cancel_is_accepted_while_the_payment_is_open_and_refused_once_it_is_captured_or_the_order_is_final()
    {
        await _app.Inventory.AddAsync("W", "Widget", 1m, 10, CancellationToken.None);
        await PlaceAsync("open", ("W", 1));
        var captured = await PlaceAsync("captured", ("W", 1));
        await _app.Payments.CaptureAsync(new OrderSagaInput(captured.OrderId, captured.CustomerId, captured.Items, captured.Total, captured.PaymentToken), CancellationToken.None);
        await PlaceAsync("final", ("W", 1));
        await _app.Orders.ApproveAsync("final", PaymentDecision.Capture, CancellationToken.None);

        var open = await _app.Orders.RequestCancellationAsync("open", CancellationToken.None);
        var afterCapture = await _app.Orders.RequestCancellationAsync("captured", CancellationToken.None);
        var afterApproval = await _app.Orders.RequestCancellationAsync("final", CancellationToken.None);

        Assert.True(open!.Accepted);
        Assert.Equal((PaymentOutcome.Abandoned, FailureReasons.Cancelled), await PaymentOfAsync("open"));
        Assert.False(afterCapture!.Accepted);
        Assert.False(afterApproval!.Accepted);
        Assert.Null(await _app.Orders.RequestCancellationAsync("never-placed", CancellationToken.None));
    }

    [Fact]
    public async Task A_settlement_that_comes_after_another_keeps_the_first_and_answers_it()
    {
        await PlaceAsync("o1", ("W", 1));
        await _app.Orders.ApproveAsync("o1", PaymentDecision.Capture, CancellationToken.None);

        var rejected = await _app.Orders.RejectAsync("o1", PaymentDecision.NotCaptured(FailureReasons.Timeout), CancellationToken.None);

        Assert.Equal((false, DomainErrors.OrderAlreadyFinal, OrderStatus.Approved), (rejected.Succeeded, rejected.FailureReason, rejected.OrderStatus));
    }

    [Fact]
    public async Task A_settlement_against_the_payment_decision_is_refused_and_writes_nothing()
    {
        await PlaceAsync("o1", ("W", 1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _app.Orders.ApproveAsync("o1", PaymentDecision.NotCaptured(FailureReasons.Timeout), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _app.Orders.CancelAsync("o1", PaymentDecision.Capture, CancellationToken.None));

        Assert.Single(_app.OrderStreams.Events(StreamNames.Order("o1")));
    }

    private async Task<OrderState> PlaceAsync(string orderId, params (string Sku, int Quantity)[] items) =>
        (await _app.Orders.PlaceAsync(orderId, "c1", items, PaymentTokens.Visa, SagaStyles.Orchestration, DateTimeOffset.UnixEpoch, CancellationToken.None)).State.State;

    private async Task<(PaymentOutcome?, string?)> PaymentOfAsync(string orderId)
    {
        var payment = (await _app.PaymentStreams.LoadAsync(StreamNames.Payment(orderId))).State;
        return (payment.Outcome, payment.AbandonReason);
    }
}
