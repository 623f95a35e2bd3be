namespace SagaFunctions.Domain.Saga;

/// <summary>
/// Names of the saga's steps and compensations, shared by both saga styles (the orchestration's step
/// table is <c>OrderSagaSteps</c> in the app). They are also the suffix of the deterministic event ids
/// (<see cref="EventIdFor"/>) that make retried steps append nothing twice.
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
