using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;
using static SagaFunctions.Domain.Tests.TestData;

namespace SagaFunctions.Domain.Tests.Payments;

public class PaymentStateTests
{
    [Fact]
    public void Capture_with_tok_visa_emits_PaymentCaptured_and_succeeds()
    {
        var result = PaymentState.Empty.Capture(OrderId, 25m, PaymentTokens.Visa);

        Assert.Equal(PaymentOutcome.Captured, result.Outcome);
        Assert.Equal([new PaymentCaptured(OrderId, 25m, PaymentTokens.Visa)], result.Events);
        Assert.Equal(new StepResult(true, null, null), result.ToStepResult());
    }

    [Fact]
    public void Capture_with_tok_declined_emits_PaymentDeclined_and_fails_payment_declined()
    {
        var result = PaymentState.Empty.Capture(OrderId, 25m, PaymentTokens.Declined);

        Assert.Equal(PaymentOutcome.Declined, result.Outcome);
        Assert.Equal([new PaymentDeclined(OrderId, 25m, PaymentTokens.Declined, SimulatedPaymentGateway.CardDeclined)], result.Events);
        var step = result.ToStepResult();
        Assert.False(step.Succeeded);
        Assert.Equal(FailureReasons.PaymentDeclined, step.FailureReason);
    }

    [Fact]
    public void Capture_with_an_unknown_token_is_declined()
    {
        var result = PaymentState.Empty.Capture(OrderId, 25m, "tok_mastercard");

        Assert.Equal(PaymentOutcome.Declined, result.Outcome);
        Assert.Equal(SimulatedPaymentGateway.UnsupportedToken, result.DeclineReason);
        Assert.IsType<PaymentDeclined>(Assert.Single(result.Events));
    }

    [Fact]
    public void Capture_with_tok_timeout_gets_no_answer_and_records_nothing()
    {
        var result = PaymentState.Empty.Capture(OrderId, 25m, PaymentTokens.Timeout);

        Assert.Equal(PaymentOutcome.NoAnswer, result.Outcome);
        Assert.Empty(result.Events);
        Assert.Throws<InvalidOperationException>(result.ToStepResult);
    }

    [Fact]
    public void Capture_again_after_a_capture_returns_captured_without_a_new_event()
    {
        var state = PaymentState.Fold([new PaymentCaptured(OrderId, 25m, PaymentTokens.Visa)]);

        var result = state.Capture(OrderId, 25m, PaymentTokens.Visa);

        Assert.Equal(PaymentOutcome.Captured, result.Outcome);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Capture_again_after_a_decline_returns_the_first_outcome_without_asking_the_gateway()
    {
        var state = PaymentState.Fold([new PaymentDeclined(OrderId, 25m, PaymentTokens.Declined, SimulatedPaymentGateway.CardDeclined)]);

        var result = state.Capture(OrderId, 25m, PaymentTokens.Visa, _ => throw new InvalidOperationException("gateway asked"));

        Assert.Equal(PaymentOutcome.Declined, result.Outcome);
        Assert.Equal(SimulatedPaymentGateway.CardDeclined, result.DeclineReason);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Capture_uses_the_gateway_passed_in()
    {
        var result = PaymentState.Empty.Capture(OrderId, 25m, "tok_any", _ => GatewayResponse.Captured);

        Assert.Equal(PaymentOutcome.Captured, result.Outcome);
        Assert.Equal([new PaymentCaptured(OrderId, 25m, "tok_any")], result.Events);
    }

    [Fact]
    public void Capture_for_another_order_on_a_used_stream_is_a_programming_error()
    {
        var state = PaymentState.Fold([new PaymentCaptured(OrderId, 25m, PaymentTokens.Visa)]);

        Assert.Throws<InvalidOperationException>(() => state.Capture(OtherOrderId, 25m, PaymentTokens.Visa));
    }

    [Fact]
    public void Capture_of_a_non_positive_amount_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PaymentState.Empty.Capture(OrderId, 0m, PaymentTokens.Visa));
    }

    [Fact]
    public void Fold_records_the_outcome()
    {
        var state = PaymentState.Fold([new PaymentDeclined(OrderId, 25m, "tok_x", "unsupported_token")]);

        Assert.Equal(PaymentOutcome.Declined, state.Outcome);
        Assert.Equal("unsupported_token", state.DeclineReason);
        Assert.Equal(25m, state.Amount);
        Assert.Equal("tok_x", state.Token);
    }

    [Theory]
    [InlineData(FailureReasons.Timeout)]
    [InlineData(FailureReasons.Cancelled)]
    public void Abandon_before_any_answer_records_PaymentAbandoned(string reason)
    {
        var result = PaymentState.Empty.Abandon(OrderId, reason);

        Assert.Equal([new PaymentAbandoned(OrderId, reason)], result.Events);
        var state = PaymentState.Fold(result.Events);
        Assert.Equal((PaymentOutcome.Abandoned, reason), (state.Outcome, state.AbandonReason));
    }

    [Fact]
    public void Capture_after_an_abandonment_is_refused_without_asking_the_gateway()
    {
        var state = PaymentState.Fold([new PaymentAbandoned(OrderId, FailureReasons.Timeout)]);

        var result = state.Capture(OrderId, 25m, PaymentTokens.Visa, _ => throw new InvalidOperationException("gateway asked"));

        Assert.Equal(PaymentOutcome.Abandoned, result.Outcome);
        Assert.Empty(result.Events);
        Assert.Equal(FailureReasons.Timeout, result.ToStepResult().FailureReason);
    }

    [Fact]
    public void Abandon_again_keeps_the_first_reason()
    {
        var state = PaymentState.Fold([new PaymentAbandoned(OrderId, FailureReasons.Cancelled)]);

        var result = state.Abandon(OrderId, FailureReasons.Timeout);

        Assert.True(result.IsNoChange);
        Assert.Equal(FailureReasons.Cancelled, state.AbandonReason);
    }

    [Fact]
    public void Abandon_after_a_capture_fails_the_pivot_is_passed()
    {
        var state = PaymentState.Fold([new PaymentCaptured(OrderId, 25m, PaymentTokens.Visa)]);

        var result = state.Abandon(OrderId, FailureReasons.Timeout);

        Assert.Equal(DomainErrors.PaymentAlreadyAnswered, result.Failure?.Reason);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Abandon_for_a_reason_other_than_timeout_or_cancel_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => PaymentState.Empty.Abandon(OrderId, FailureReasons.PaymentDeclined));
    }
}
