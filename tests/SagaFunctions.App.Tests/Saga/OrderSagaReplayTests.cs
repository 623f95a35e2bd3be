using SagaFunctions.App.Saga;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Tests.Saga;

/// <summary>
/// Replays the orchestrator against histories of this version: every path a saga can take, and the
/// interleavings a crash produces (a step timer or a cancel seen before the payment's answer, another
/// task's late answer on a task id). A change that would make in-flight sagas replay differently (a
/// step reordered, added or renamed) fails here before it strands running orchestrations.
/// </summary>
public sealed class OrderSagaReplayTests
{
    private static readonly OrderSagaStart Start = new(
        new OrderSagaInput("replayed-order", "c1", [new OrderLine("SKU-1", 2, 10m)], 20m, "tok_visa"),
        TimeSpan.FromSeconds(30));

    private static readonly (string, StepResult?) NoAnswer = ("CapturePayment", ScriptedOrchestrationContext.NoAnswer);

    public static TheoryData<string, (string, StepResult?)[], string, string?> Histories() => new()
    {
        { "approved", [Ok("ReserveCredit"), Ok("ReserveStock"), Ok("CapturePayment"), Settled("ApproveOrder", "APPROVED")], "APPROVED", null },
        {
            "declined",
            [Ok("ReserveCredit"), Ok("ReserveStock"), Fail("CapturePayment", "PAYMENT_DECLINED"),
             Ok("ReleaseStock"), Ok("ReleaseCredit"), Settled("RejectOrder", "REJECTED")],
            "REJECTED", "PAYMENT_DECLINED"
        },
        {
            "out of stock: the payment is given up, then every compensation runs",
            [Ok("ReserveCredit"), Fail("ReserveStock", "OUT_OF_STOCK"), Fail("AbandonPayment", "OUT_OF_STOCK"),
             Ok("ReleaseStock"), Ok("ReleaseCredit"), Settled("RejectOrder", "REJECTED")],
            "REJECTED", "OUT_OF_STOCK"
        },
        {
            "insufficient credit",
            [Fail("ReserveCredit", "INSUFFICIENT_CREDIT"), Fail("AbandonPayment", "INSUFFICIENT_CREDIT"),
             Ok("ReleaseStock"), Ok("ReleaseCredit"), Settled("RejectOrder", "REJECTED")],
            "REJECTED", "INSUFFICIENT_CREDIT"
        },
        {
            "a failed reservation on this branch while another branch got the payment captured: forward",
            [Fail("ReserveCredit", "INSUFFICIENT_CREDIT"), Ok("AbandonPayment"), Settled("ApproveOrder", "APPROVED")],
            "APPROVED", null
        },
        {
            "compensation failed",
            [Ok("ReserveCredit"), Ok("ReserveStock"), Fail("CapturePayment", "PAYMENT_DECLINED"),
             Ok("ReleaseStock"), ("ReleaseCredit", null), Settled("MarkCompensationFailed", "COMPENSATION_FAILED")],
            "COMPENSATION_FAILED", "PAYMENT_DECLINED"
        },
        {
            "another task's late answer on the capture's task id: the capture is asked again",
            [Ok("ReserveCredit"), Ok("ReserveStock"), ("CapturePayment", Settled("ApproveOrder", "APPROVED").Item2),
             Ok("CapturePayment"), Settled("ApproveOrder", "APPROVED")],
            "APPROVED", null
        },
        {
            "a timer's answer on a compensation's task id: the compensation is asked again",
            [Ok("ReserveCredit"), Ok("ReserveStock"), Fail("CapturePayment", "PAYMENT_DECLINED"),
             ("ReleaseStock", ScriptedOrchestrationContext.TimerAnswer), Ok("ReleaseStock"), Ok("ReleaseCredit"), Settled("RejectOrder", "REJECTED")],
            "REJECTED", "PAYMENT_DECLINED"
        },
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public async Task Orchestrator_replays_its_recorded_history_to_the_same_outcome(string path, (string, StepResult?)[] history, string status, string? reason)
    {
        var context = new ScriptedOrchestrationContext(history);

        var outcome = await OrderSaga.Run(context, Start);

        Assert.True(history.Length == context.Scheduled.Count, $"{path}: replay scheduled {string.Join(", ", context.Scheduled)}");
        Assert.Equal((status, reason), (outcome.Status, outcome.Reason));
    }

    [Fact]
    public async Task The_step_timer_firing_before_the_payments_answer_approves_when_the_payment_stream_says_captured()
    {
        // The crash of the issue: the capture landed, its answer was held by a dead host, the timer came first.
        var context = new ScriptedOrchestrationContext(
            [Ok("ReserveCredit"), Ok("ReserveStock"), NoAnswer, Ok("AbandonPayment"), Settled("ApproveOrder", "APPROVED")],
            timersFire: true);

        var outcome = await OrderSaga.Run(context, Start);

        Assert.Equal(("APPROVED", null), (outcome.Status, outcome.Reason));
        Assert.DoesNotContain(context.Scheduled, s => s.StartsWith("Release", StringComparison.Ordinal));
        Assert.Equal(new PaymentAbandonment("replayed-order", "TIMEOUT"), context.Inputs[3]);
        Assert.Equal(PaymentDecision.Capture, Assert.IsType<OrderSettlement>(context.Inputs[4]).Payment);
        var timeline = Assert.IsType<SagaProgress>(context.CustomStatus);
        Assert.Equal(
            [("CapturePayment", "FAILED"), ("AbandonPayment", "FAILED"), ("ApproveOrder", "SUCCEEDED")],
            timeline.Steps.Skip(2).Select(s => (s.Name, s.Outcome)));
    }

    [Fact]
    public async Task The_step_timer_firing_first_compensates_everything_when_the_abandonment_wins()
    {
        var context = new ScriptedOrchestrationContext(
            [Ok("ReserveCredit"), Ok("ReserveStock"), NoAnswer, Fail("AbandonPayment", "TIMEOUT"),
             Ok("ReleaseStock"), Ok("ReleaseCredit"), Settled("RejectOrder", "REJECTED")],
            timersFire: true);

        var outcome = await OrderSaga.Run(context, Start);

        Assert.Equal(("REJECTED", "TIMEOUT"), (outcome.Status, outcome.Reason));
        Assert.All(context.Inputs.OfType<SagaCompensation>(), c => Assert.Equal(PaymentDecision.NotCaptured("TIMEOUT"), c.Payment));
    }

    [Theory]
    [InlineData(false, "CANCELLED", "CANCELLED")]
    [InlineData(true, "APPROVED", null)]
    public async Task A_cancel_while_the_payment_is_pending_follows_what_the_payment_stream_decided(bool capturedFirst, string status, string? reason)
    {
        (string, StepResult?)[] history = capturedFirst
            ? [Ok("ReserveCredit"), Ok("ReserveStock"), NoAnswer, Ok("AbandonPayment"), Settled("ApproveOrder", "APPROVED")]
            : [Ok("ReserveCredit"), Ok("ReserveStock"), NoAnswer, Fail("AbandonPayment", "CANCELLED"),
               Ok("ReleaseStock"), Ok("ReleaseCredit"), Settled("CancelOrder", "CANCELLED")];
        var context = new ScriptedOrchestrationContext(history, cancelBeforeCall: 3);

        var outcome = await OrderSaga.Run(context, Start);

        Assert.Equal((status, reason), (outcome.Status, outcome.Reason));
        Assert.Equal(new PaymentAbandonment("replayed-order", "CANCELLED"), context.Inputs[3]);
    }

    [Fact]
    public async Task A_cancel_during_the_first_reservation_gives_up_on_the_payment_and_compensates_everything()
    {
        var context = new ScriptedOrchestrationContext(
            [Ok("ReserveCredit"), Fail("AbandonPayment", "CANCELLED"), Ok("ReleaseStock"), Ok("ReleaseCredit"), Settled("CancelOrder", "CANCELLED")],
            cancelBeforeCall: 1);

        var outcome = await OrderSaga.Run(context, Start);

        Assert.Equal(("CANCELLED", "CANCELLED"), (outcome.Status, outcome.Reason));
    }

    [Fact]
    public async Task The_outcome_is_the_order_streams_status_not_the_branchs_intent()
    {
        // RejectOrder found the order approved (first-wins on its stream): the saga reports that.
        var context = new ScriptedOrchestrationContext(
            [Ok("ReserveCredit"), Ok("ReserveStock"), Fail("CapturePayment", "PAYMENT_DECLINED"),
             Ok("ReleaseStock"), Ok("ReleaseCredit"), ("RejectOrder", new StepResult("RejectOrder", false, "ORDER_ALREADY_FINAL", "approved", "APPROVED"))]);

        var outcome = await OrderSaga.Run(context, Start);

        Assert.Equal("APPROVED", outcome.Status);
    }

    [Fact]
    public async Task A_reordered_step_is_caught_as_non_deterministic()
    {
        // A history in which stock was reserved before credit: this version must refuse to replay it.
        var context = new ScriptedOrchestrationContext([Ok("ReserveStock"), Ok("ReserveCredit"), Ok("CapturePayment"), Ok("ApproveOrder")]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OrderSaga.Run(context, Start));

        Assert.Contains("Non-deterministic", error.Message, StringComparison.Ordinal);
    }

    private static (string, StepResult?) Ok(string step) => (step, StepResult.Success(step));

    private static (string, StepResult?) Fail(string step, string reason) => (step, StepResult.Failure(step, reason));

    private static (string, StepResult?) Settled(string step, string status) => (step, StepResult.Success(step) with { OrderStatus = status });
}
