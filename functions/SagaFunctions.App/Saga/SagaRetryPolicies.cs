using Microsoft.DurableTask;

namespace SagaFunctions.App.Saga;

/// <summary>How the saga retries transient failures (exceptions; business failures are results).</summary>
public static class SagaRetryPolicies
{
    /// <summary>Steps before the pivot: a few quick retries, then the step fails.</summary>
    public static TaskOptions Step { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(4, TimeSpan.FromMilliseconds(250), backoffCoefficient: 2));

    /// <summary>Compensations: retried with backoff; still failing afterwards means COMPENSATION_FAILED.</summary>
    public static TaskOptions Compensation { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(500), backoffCoefficient: 2));

    /// <summary>After the pivot the saga only goes forward: retried until it succeeds (capped at about a day).</summary>
    public static TaskOptions Forward { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(100, TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(15)));
}
