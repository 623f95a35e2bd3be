using SagaFunctions.App.Tests.Platform;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Tests.Payments;

/// <summary>The Payments service on in-memory streams: the gateway asked once per order, the first decision kept.</summary>
public sealed class PaymentServiceTests
{
    private readonly InMemoryContexts _app = new();

    [Fact]
    public async Task A_payment_already_decided_is_answered_from_its_stream_without_charging_again()
    {
        var order = Order(PaymentTokens.Visa);

        var first = await _app.Payments.CaptureAsync(order, CancellationToken.None);
        var again = await _app.Payments.CaptureAsync(order, CancellationToken.None);

        Assert.Equal((PaymentOutcome.Captured, PaymentOutcome.Captured), (first.Outcome, again.Outcome));
        Assert.Equal(1, _app.Gateway.Charges);
        Assert.Single(_app.PaymentStreams.Events(StreamNames.Payment(order.OrderId)));
    }

    [Fact]
    public async Task A_gateway_that_does_not_answer_records_nothing_and_giving_up_then_wins()
    {
        var order = Order(PaymentTokens.Timeout);

        var unanswered = await _app.Payments.CaptureAsync(order, CancellationToken.None);
        var abandoned = await _app.Payments.AbandonAsync(order.OrderId, FailureReasons.Timeout, CancellationToken.None);

        Assert.False(unanswered.IsDecided);
        Assert.Equal((PaymentOutcome.Abandoned, FailureReasons.Timeout), (abandoned.State.State.Outcome, abandoned.State.State.AbandonReason));
        Assert.Equal([PaymentAbandoned.TypeName], _app.PaymentStreams.Events(StreamNames.Payment(order.OrderId)).Select(e => e.EventType));
    }

    [Fact]
    public async Task Giving_up_after_a_capture_is_refused_and_the_capture_stands()
    {
        var order = Order(PaymentTokens.Visa);
        await _app.Payments.CaptureAsync(order, CancellationToken.None);

        var abandoned = await _app.Payments.AbandonAsync(order.OrderId, FailureReasons.Cancelled, CancellationToken.None);

        Assert.Equal(DomainErrors.PaymentAlreadyAnswered, abandoned.Result.Failure?.Reason);
        Assert.Equal(PaymentOutcome.Captured, abandoned.State.State.Outcome);
    }

    [Fact]
    public async Task A_capture_that_lands_after_the_payment_was_given_up_is_refunded_once()
    {
        var order = Order(PaymentTokens.Visa);
        _app.Gateway.Hold = new TaskCompletionSource<GatewayResponse>();
        var capture = _app.Payments.CaptureAsync(order, CancellationToken.None);
        await _app.Payments.AbandonAsync(order.OrderId, FailureReasons.Timeout, CancellationToken.None);
        _app.Gateway.Hold.SetResult(GatewayResponse.Captured);

        var payment = await capture;
        _app.Gateway.Hold = null;
        var retried = await _app.Payments.CaptureAsync(order, CancellationToken.None);

        Assert.Equal((PaymentOutcome.Abandoned, order.Total), (payment.Outcome, payment.Refunded));
        Assert.Equal([PaymentAbandoned.TypeName, PaymentRefunded.TypeName], _app.PaymentStreams.Events(StreamNames.Payment(order.OrderId)).Select(e => e.EventType));
        // A retry sends the refund again (the gateway gives one per order) and charges nothing.
        Assert.Equal((1, PaymentOutcome.Abandoned), (_app.Gateway.Charges, retried.Outcome));
        Assert.Equal([(order.OrderId, order.Total), (order.OrderId, order.Total)], _app.Gateway.Refunds);
    }

    private static OrderSagaInput Order(string token) => new("o1", "c1", [new OrderLine("SKU-1", 1, 10m)], 10m, token);
}
