namespace SagaFunctions.Domain.Saga;

/// <summary>
/// What a saga activity returns: success, or a business failure with a reason from
/// <see cref="FailureReasons"/> and a detail. Transient faults are exceptions, not results.
/// </summary>
/// <param name="Step">The activity that answered. The durable backend can hand a late answer of one
/// branch to another task of the branch the orchestration took (same task id), so the orchestrator
/// checks that an answer is the one it asked for.</param>
/// <param name="OrderStatus">For the steps that settle the order: its status afterwards (the order
/// stream's, which decides: a final status never changes).</param>
public sealed record StepResult(string Step, bool Succeeded, string? FailureReason, string? Detail, string? OrderStatus = null)
{
    public static StepResult Success(string step, string? detail = null) => new(step, true, null, detail);

    public static StepResult Failure(string step, string reason, string? detail = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new StepResult(step, false, reason, detail);
    }
}
