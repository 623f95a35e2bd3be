namespace SagaFunctions.Domain.Saga;

/// <summary>
/// What a saga activity returns: success, or a business failure with a reason from
/// <see cref="FailureReasons"/> and a detail. Transient faults are exceptions, not results.
/// </summary>
public sealed record StepResult(bool Succeeded, string? FailureReason, string? Detail)
{
    public static StepResult Success(string? detail = null) => new(true, null, detail);

    public static StepResult Failure(string reason, string? detail = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new StepResult(false, reason, detail);
    }
}
