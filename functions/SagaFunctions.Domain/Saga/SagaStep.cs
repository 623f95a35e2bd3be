namespace SagaFunctions.Domain.Saga;

/// <summary>
/// Names of the saga's steps and compensations. They are also the suffix of the deterministic event
/// ids (<see cref="EventIdFor"/>) that make retried steps append nothing twice.
/// </summary>
public static class SagaStep
{
    public const string ReserveCredit = nameof(ReserveCredit);
    public const string ReserveStock = nameof(ReserveStock);
    public const string CapturePayment = nameof(CapturePayment);
    public const string AbandonPayment = nameof(AbandonPayment);
    public const string ApproveOrder = nameof(ApproveOrder);

    public const string ReleaseCredit = nameof(ReleaseCredit);
    public const string ReleaseStock = nameof(ReleaseStock);

    public const string RejectOrder = nameof(RejectOrder);
    public const string CancelOrder = nameof(CancelOrder);
    public const string MarkCompensationFailed = nameof(MarkCompensationFailed);

    /// <summary>The pivot: the payment stream decides it once (captured, or given up), and the saga follows that decision.</summary>
    public const string Pivot = CapturePayment;

    /// <summary>The steps before the pivot, in order: each reserves something in its context.</summary>
    public static IReadOnlyList<string> Reservations { get; } = [ReserveCredit, ReserveStock];

    /// <summary>
    /// What a saga that gave up on the payment runs, in this order (the reverse of <see cref="Reservations"/>):
    /// all of them, whatever its own branch reached, because a reservation may have landed on a branch it
    /// never took. Each releases what the order holds or records that it holds nothing, which refuses a
    /// reservation that comes later.
    /// </summary>
    public static IReadOnlyList<string> Compensations { get; } = [ReleaseStock, ReleaseCredit];

    /// <summary>
    /// True for a step that waits on a system outside the saga's own storage (the payment gateway):
    /// it may never answer, so the saga races it against the step timeout. The other steps are
    /// local transactions on the contexts' own tables that commit or fail within their retries; a
    /// timer there would turn a queue that is merely busy into rejected orders, and costs a timer
    /// message per step.
    /// </summary>
    public static bool AwaitsOutside(string step) => step == CapturePayment;

    /// <summary>
    /// The deterministic event id of a step for an order: <c>{orderId}:{step}</c>. For a multi-product
    /// step pass the entity key too: <c>{orderId}:{step}:{key}</c>.
    /// </summary>
    public static string EventIdFor(string orderId, string step, string? key = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        ArgumentException.ThrowIfNullOrEmpty(step);
        return key is null ? $"{orderId}:{step}" : $"{orderId}:{step}:{key}";
    }
}
