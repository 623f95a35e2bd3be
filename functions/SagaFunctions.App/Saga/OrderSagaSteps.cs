using Microsoft.DurableTask;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Saga;

/// <summary>
/// The order saga as data: its steps in order, the context each runs in, what undoes it, how it is
/// retried, and the pivot. <see cref="OrderSagaRun"/> runs this table; the flow changes here.
/// <code>
///   ReserveCredit (Customers) ─ ReserveStock (Inventory) ─ CapturePayment (Payments, the pivot) ─ ApproveOrder (Ordering)
///   payment not captured: ReleaseStock ─ ReleaseCredit (reverse order) ─ RejectOrder / CancelOrder / MarkCompensationFailed
/// </code>
/// </summary>
public static class OrderSagaSteps
{
    /// <summary>Before the pivot: a few quick retries, then the step fails (and the saga gives up on the payment).</summary>
    private static readonly RetryPolicy QuickRetries = new(4, TimeSpan.FromMilliseconds(250), backoffCoefficient: 2);

    /// <summary>Compensations: retried with backoff; still failing afterwards means COMPENSATION_FAILED.</summary>
    private static readonly RetryPolicy CompensationRetries = new(5, TimeSpan.FromMilliseconds(500), backoffCoefficient: 2);

    /// <summary>Once the payment is decided the saga only goes forward: retried until done (capped at about a day).</summary>
    private static readonly RetryPolicy UntilDone = new(100, TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(15));

    /// <summary>The steps before the pivot, in order: each reserves something in its context and is undone by a compensation.</summary>
    public static IReadOnlyList<SagaStepDefinition> Reservations { get; } =
    [
        new(SagaStep.ReserveCredit, "Customers", SagaProgress.StepKind, QuickRetries, UndoneBy: SagaStep.ReleaseCredit),
        new(SagaStep.ReserveStock, "Inventory", SagaProgress.StepKind, QuickRetries, UndoneBy: SagaStep.ReleaseStock),
    ];

    /// <summary>The pivot: the payment stream decides it once (captured, declined, or given up), and the saga follows that decision.</summary>
    public static SagaStepDefinition Pivot { get; } = new(SagaStep.CapturePayment, "Payments", SagaProgress.PivotKind, QuickRetries, RacesStepTimer: true);

    /// <summary>
    /// How the saga gives up on the payment when something stops it before the pivot (a failed
    /// reservation, the step timer, a cancel): the stream records it unless a capture came first.
    /// </summary>
    public static SagaStepDefinition GiveUpPivot { get; } = new(SagaStep.AbandonPayment, "Payments", SagaProgress.PivotKind, UntilDone);

    /// <summary>After a capture, in order; the last one's answer is the order's final status.</summary>
    public static IReadOnlyList<SagaStepDefinition> AfterCapture { get; } =
    [
        new(SagaStep.ApproveOrder, "Ordering", SagaProgress.StepKind, UntilDone),
    ];

    /// <summary>
    /// Without a capture: every reservation's compensation, in reverse order, whatever the saga's own
    /// branch reached (a reservation may have landed on a branch it never took). Each releases what the
    /// order holds or records that it holds nothing, which refuses a reservation that comes later.
    /// </summary>
    public static IReadOnlyList<SagaStepDefinition> Compensations { get; } =
        [.. Reservations.Reverse().Select(step => new SagaStepDefinition(step.UndoneBy!, step.Context, SagaProgress.CompensationKind, CompensationRetries))];

    /// <summary>After the compensations: the order is rejected with the payment's reason…</summary>
    public static SagaStepDefinition RejectOrder { get; } = new(SagaStep.RejectOrder, "Ordering", SagaProgress.StepKind, UntilDone);

    /// <summary>…or cancelled, when the payment was given up for a cancel…</summary>
    public static SagaStepDefinition CancelOrder { get; } = new(SagaStep.CancelOrder, "Ordering", SagaProgress.StepKind, UntilDone);

    /// <summary>…or, when a compensation kept failing, left COMPENSATION_FAILED for an operator.</summary>
    public static SagaStepDefinition MarkCompensationFailed { get; } = new(SagaStep.MarkCompensationFailed, "Ordering", SagaProgress.StepKind, UntilDone);
}
