using SagaFunctions.Domain.Saga;

namespace SagaFunctions.Domain.Tests.Saga;

public class SagaStepTests
{
    [Fact]
    public void Event_ids_are_deterministic_per_order_and_step()
    {
        Assert.Equal("o-1:ReserveCredit", SagaStep.EventIdFor("o-1", SagaStep.ReserveCredit));
        Assert.Equal("o-1:ReserveStock:SKU-1", SagaStep.EventIdFor("o-1", SagaStep.ReserveStock, "SKU-1"));
    }

    [Fact]
    public void StepResult_factories_name_the_step_and_set_success_and_failure()
    {
        Assert.Equal(new StepResult("S", true, null, null), StepResult.Success("S"));
        Assert.Equal(new StepResult("S", false, FailureReasons.OutOfStock, "x"), StepResult.Failure("S", FailureReasons.OutOfStock, "x"));
    }

    [Fact]
    public void CommandResult_maps_to_a_step_result_of_the_step()
    {
        Assert.Equal(StepResult.Success("S"), CommandResult.NoChange.ToStepResult("S"));
        Assert.Equal(
            new StepResult("S", false, FailureReasons.InsufficientCredit, "d"),
            CommandResult.Fail(FailureReasons.InsufficientCredit, "d").ToStepResult("S"));
    }

    [Fact]
    public void A_pivot_answer_gives_the_payment_decision()
    {
        Assert.Equal(PaymentDecision.Capture, PaymentDecision.From(StepResult.Success(SagaStep.AbandonPayment)));
        Assert.Equal(PaymentDecision.NotCaptured(FailureReasons.Timeout), PaymentDecision.From(StepResult.Failure(SagaStep.CapturePayment, FailureReasons.Timeout)));
    }

    [Fact]
    public void A_step_that_needs_the_other_decision_is_refused()
    {
        PaymentDecision.Capture.Require(captured: true, SagaStep.ApproveOrder);
        PaymentDecision.NotCaptured(FailureReasons.Timeout).Require(captured: false, SagaStep.ReleaseCredit);

        Assert.Throws<InvalidOperationException>(() => PaymentDecision.NotCaptured(FailureReasons.Timeout).Require(captured: true, SagaStep.ApproveOrder));
        Assert.Throws<InvalidOperationException>(() => PaymentDecision.Capture.Require(captured: false, SagaStep.ReleaseStock));
    }

    [Fact]
    public void Saga_styles_are_orchestration_and_choreography()
    {
        Assert.True(SagaStyles.IsKnown("orchestration"));
        Assert.True(SagaStyles.IsKnown("choreography"));
        Assert.False(SagaStyles.IsKnown("Orchestration"));
        Assert.False(SagaStyles.IsKnown(null));
    }
}
