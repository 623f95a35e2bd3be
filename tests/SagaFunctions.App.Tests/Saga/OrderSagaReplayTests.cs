using SagaFunctions.App.Saga;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Tests.Saga;

/// <summary>
/// Replays the orchestrator against histories recorded from runs of this version. A change that
/// would make in-flight sagas replay differently (a step reordered, added or renamed) fails here
/// before it strands running orchestrations in production.
/// </summary>
public sealed class OrderSagaReplayTests
{
    private static readonly OrderSagaStart Start = new(
        new OrderSagaInput("replayed-order", "c1", [new OrderLine("SKU-1", 2, 10m)], 20m, "tok_visa"),
        TimeSpan.FromSeconds(30));

    private static readonly StepResult Ok = StepResult.Success();

    public static TheoryData<string, (string, StepResult?)[], string, string?> Histories() => new()
    {
        { "approved", [("ReserveCredit", Ok), ("ReserveStock", Ok), ("CapturePayment", Ok), ("ApproveOrder", Ok)], "APPROVED", null },
        {
            "declined",
            [("ReserveCredit", Ok), ("ReserveStock", Ok), ("CapturePayment", StepResult.Failure("PAYMENT_DECLINED")),
             ("ReleaseStock", Ok), ("ReleaseCredit", Ok), ("RejectOrder", Ok)],
            "REJECTED", "PAYMENT_DECLINED"
        },
        {
            "out of stock",
            [("ReserveCredit", Ok), ("ReserveStock", StepResult.Failure("OUT_OF_STOCK")), ("ReleaseCredit", Ok), ("RejectOrder", Ok)],
            "REJECTED", "OUT_OF_STOCK"
        },
        { "insufficient credit", [("ReserveCredit", StepResult.Failure("INSUFFICIENT_CREDIT")), ("RejectOrder", Ok)], "REJECTED", "INSUFFICIENT_CREDIT" },
        {
            "compensation failed",
            [("ReserveCredit", Ok), ("ReserveStock", Ok), ("CapturePayment", StepResult.Failure("PAYMENT_DECLINED")),
             ("ReleaseStock", Ok), ("ReleaseCredit", null), ("MarkCompensationFailed", Ok)],
            "COMPENSATION_FAILED", "PAYMENT_DECLINED"
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
    public async Task A_reordered_step_is_caught_as_non_deterministic()
    {
        // A history in which stock was reserved before credit: this version must refuse to replay it.
        var context = new ScriptedOrchestrationContext([("ReserveStock", Ok), ("ReserveCredit", Ok), ("CapturePayment", Ok), ("ApproveOrder", Ok)]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OrderSaga.Run(context, Start));

        Assert.Contains("Non-deterministic", error.Message, StringComparison.Ordinal);
    }
}
