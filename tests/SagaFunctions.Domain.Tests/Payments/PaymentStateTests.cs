using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;
using static SagaFunctions.Domain.Tests.TestData;

namespace SagaFunctions.Domain.Tests.Payments;

public class PaymentStateTests
{
    private static readonly PaymentCaptured Captured = new(OrderId, 25m, PaymentTokens.Visa);

    [Fact]
    public void A_capture_answered_on_an_undecided_payment_is_recorded_and_decides_the_pivot()
    {
        var state = Given()
            .When(payment => payment.RecordAnswer(OrderId, 25m, PaymentTokens.Visa, GatewayResponse.Captured))
            .Then(Captured);

        Assert.Equal(PaymentDecision.Capture, state.Decision());
        Assert.Equal(StepResult.Success("CapturePayment", "captured"), state.ToStepResult("CapturePayment"));
    }

    [Fact]
    public void A_decline_is_recorded_and_fails_the_pivot_with_payment_declined()
    {
        var state = Given()
            .When(payment => payment.RecordAnswer(OrderId, 25m, PaymentTokens.Declined, SimulatedPaymentGateway.Charge(PaymentTokens.Declined)))
            .Then(new PaymentDeclined(OrderId, 25m, PaymentTokens.Declined, SimulatedPaymentGateway.CardDeclined));

        var step = state.ToStepResult("CapturePayment");
        Assert.Equal((false, FailureReasons.PaymentDeclined, SimulatedPaymentGateway.CardDeclined), (step.Succeeded, step.FailureReason, step.Detail));
    }

    [Fact]
    public void No_answer_records_nothing_and_leaves_the_payment_undecided()
    {
        var state = Given()
            .When(payment => payment.RecordAnswer(OrderId, 25m, PaymentTokens.Timeout, GatewayResponse.NoAnswer))
            .ThenNoChange();

        Assert.False(state.IsDecided);
        Assert.Throws<InvalidOperationException>(state.Decision);
    }

    [Fact]
    public void A_second_answer_after_a_capture_changes_nothing()
    {
        var captured = Given(Captured);

        captured.When(payment => payment.RecordAnswer(OrderId, 25m, PaymentTokens.Visa, GatewayResponse.Captured)).ThenNoChange();
        captured.When(payment => payment.RecordAnswer(OrderId, 25m, PaymentTokens.Visa, GatewayResponse.Declined("card_declined"))).ThenNoChange();
    }

    [Fact]
    public void A_capture_that_comes_after_the_abandonment_is_refused_and_refunded_once()
    {
        var refunded = Given(new PaymentAbandoned(OrderId, FailureReasons.Timeout))
            .When(payment => payment.RecordAnswer(OrderId, 25m, PaymentTokens.Slow, GatewayResponse.Captured))
            .Then(new PaymentRefunded(OrderId, 25m));

        Assert.Equal((PaymentOutcome.Abandoned, FailureReasons.Timeout, 25m), (refunded.Outcome, refunded.AbandonReason, refunded.Refunded));
        Assert.Equal(PaymentDecision.NotCaptured(FailureReasons.Timeout), refunded.Decision());
        Given(new PaymentAbandoned(OrderId, FailureReasons.Timeout), new PaymentRefunded(OrderId, 25m))
            .When(payment => payment.RecordAnswer(OrderId, 25m, PaymentTokens.Slow, GatewayResponse.Captured))
            .ThenNoChange();
    }

    [Fact]
    public void A_decline_that_comes_after_the_abandonment_changes_nothing()
    {
        Given(new PaymentAbandoned(OrderId, FailureReasons.Cancelled))
            .When(payment => payment.RecordAnswer(OrderId, 25m, PaymentTokens.Declined, GatewayResponse.Declined("card_declined")))
            .ThenNoChange();
    }

    [Fact]
    public void An_answer_for_another_order_on_a_used_stream_is_a_programming_error()
    {
        Given(Captured)
            .When(payment => payment.RecordAnswer(OtherOrderId, 25m, PaymentTokens.Visa, GatewayResponse.Captured))
            .ThenThrows<InvalidOperationException>();
    }

    [Fact]
    public void An_answer_for_a_non_positive_amount_is_a_programming_error()
    {
        Given()
            .When(payment => payment.RecordAnswer(OrderId, 0m, PaymentTokens.Visa, GatewayResponse.Captured))
            .ThenThrows<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Fold_records_the_outcome()
    {
        var state = PaymentState.Fold([new PaymentDeclined(OrderId, 25m, "tok_x", "unsupported_token")]);

        Assert.Equal(PaymentOutcome.Declined, state.Outcome);
        Assert.Equal("unsupported_token", state.DeclineReason);
        Assert.Equal(25m, state.Amount);
        Assert.Equal("tok_x", state.Token);
        Assert.Equal(PaymentDecision.NotCaptured(FailureReasons.PaymentDeclined), state.Decision());
    }

    [Theory]
    [InlineData(FailureReasons.Timeout)]
    [InlineData(FailureReasons.Cancelled)]
    [InlineData(FailureReasons.UnknownCustomer)]
    [InlineData(FailureReasons.InsufficientCredit)]
    [InlineData(FailureReasons.UnknownProduct)]
    [InlineData(FailureReasons.OutOfStock)]
    public void Abandon_before_any_answer_records_PaymentAbandoned_with_the_sagas_reason(string reason)
    {
        var state = Given()
            .When(payment => payment.Abandon(OrderId, reason))
            .Then(new PaymentAbandoned(OrderId, reason));

        Assert.Equal((PaymentOutcome.Abandoned, reason), (state.Outcome, state.AbandonReason));
        Assert.Equal(StepResult.Failure("AbandonPayment", reason, $"The payment was given up ({reason})."), state.ToStepResult("AbandonPayment"));
    }

    [Fact]
    public void Abandon_again_keeps_the_first_reason()
    {
        var state = Given(new PaymentAbandoned(OrderId, FailureReasons.Cancelled))
            .When(payment => payment.Abandon(OrderId, FailureReasons.Timeout))
            .ThenNoChange();

        Assert.Equal(FailureReasons.Cancelled, state.Decision().Reason);
    }

    [Fact]
    public void Abandon_after_a_capture_fails_and_the_decision_stays_captured()
    {
        var captured = Given(Captured);

        captured.When(payment => payment.Abandon(OrderId, FailureReasons.Timeout)).ThenFails(DomainErrors.PaymentAlreadyAnswered);

        var state = captured.State;
        Assert.True(state.Decision().Captured);
        Assert.True(state.ToStepResult("AbandonPayment").Succeeded);
    }

    [Fact]
    public void Abandon_for_payment_declined_or_an_unknown_reason_is_a_programming_error()
    {
        Given().When(payment => payment.Abandon(OrderId, FailureReasons.PaymentDeclined)).ThenThrows<ArgumentException>();
        Given().When(payment => payment.Abandon(OrderId, "BORED")).ThenThrows<ArgumentException>();
    }

    private static AggregateSpec<PaymentState> Given(params IDomainEvent[] history) => Spec.Given(PaymentState.Fold, history);
}
