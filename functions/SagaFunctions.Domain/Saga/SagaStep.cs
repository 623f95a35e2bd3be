namespace SagaFunctions.Domain.Saga;

/// <summary>
/// Names of the saga's steps and compensations, in order. They are also the suffix of the
/// deterministic event ids (<see cref="EventIdFor"/>) that make retried steps append nothing twice.
/// </summary>
public static class SagaStep
{
    public const string ReserveCredit = nameof(ReserveCredit);
    public const string ReserveStock = nameof(ReserveStock);
    public const string CapturePayment = nameof(CapturePayment);
    public const string ApproveOrder = nameof(ApproveOrder);

    public const string ReleaseCredit = nameof(ReleaseCredit);
    public const string ReleaseStock = nameof(ReleaseStock);

    /// <summary>The forward steps in execution order.</summary>
    public static IReadOnlyList<string> All { get; } = [ReserveCredit, ReserveStock, CapturePayment, ApproveOrder];

    /// <summary>The pivot: once it succeeded, the saga only moves forward (no compensation, no cancel).</summary>
    public const string Pivot = CapturePayment;

    /// <summary>
    /// True for a step that waits on a system outside the saga's own storage (the payment gateway):
    /// it may never answer, so the saga races it against the step timeout. The other steps are
    /// local transactions on the contexts' own tables that commit or fail within their retries; a
    /// timer there would turn a queue that is merely busy into rejected orders, and costs a timer
    /// message per step.
    /// </summary>
    public static bool AwaitsOutside(string step) => step == CapturePayment;

    /// <summary>The compensation of a compensatable step, or <c>null</c> (pivot and retriable steps).</summary>
    public static string? CompensationOf(string step) => step switch
    {
        ReserveCredit => ReleaseCredit,
        ReserveStock => ReleaseStock,
        _ => null,
    };

    /// <summary>True for the steps before the pivot, whose effects are undone on a later failure.</summary>
    public static bool IsCompensatable(string step) => CompensationOf(step) is not null;

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
