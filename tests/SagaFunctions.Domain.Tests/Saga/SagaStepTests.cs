using SagaFunctions.Domain.Saga;

namespace SagaFunctions.Domain.Tests.Saga;

public class SagaStepTests
{
    [Fact]
    public void Steps_run_in_the_documented_order()
    {
        Assert.Equal(["ReserveCredit", "ReserveStock", "CapturePayment", "ApproveOrder"], SagaStep.All);
        Assert.Equal(SagaStep.CapturePayment, SagaStep.Pivot);
    }

    [Theory]
    [InlineData(SagaStep.ReserveCredit, SagaStep.ReleaseCredit)]
    [InlineData(SagaStep.ReserveStock, SagaStep.ReleaseStock)]
    [InlineData(SagaStep.CapturePayment, null)]
    [InlineData(SagaStep.ApproveOrder, null)]
    public void Only_the_steps_before_the_pivot_have_a_compensation(string step, string? compensation)
    {
        Assert.Equal(compensation, SagaStep.CompensationOf(step));
        Assert.Equal(compensation is not null, SagaStep.IsCompensatable(step));
    }

    [Fact]
    public void Event_ids_are_deterministic_per_order_and_step()
    {
        Assert.Equal("o-1:ReserveCredit", SagaStep.EventIdFor("o-1", SagaStep.ReserveCredit));
        Assert.Equal("o-1:ReserveStock:SKU-1", SagaStep.EventIdFor("o-1", SagaStep.ReserveStock, "SKU-1"));
    }

    [Fact]
    public void StepResult_factories_set_success_and_failure()
    {
        Assert.Equal(new StepResult(true, null, null), StepResult.Success());
        Assert.Equal(new StepResult(false, FailureReasons.OutOfStock, "x"), StepResult.Failure(FailureReasons.OutOfStock, "x"));
    }

    [Fact]
    public void CommandResult_maps_to_a_step_result()
    {
        Assert.True(CommandResult.NoChange.ToStepResult().Succeeded);
        Assert.Equal(
            new StepResult(false, FailureReasons.InsufficientCredit, "d"),
            CommandResult.Fail(FailureReasons.InsufficientCredit, "d").ToStepResult());
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
