using Microsoft.DurableTask;

namespace SagaFunctions.App.Saga;

/// <summary>
/// A step's <see cref="RetryPolicy"/>, run by the saga rather than by the SDK, so that each failed
/// attempt reaches the timeline as it happens (the SDK keeps a policy's inner attempts to itself).
/// Attempts and waits are those of DTFx's own run of a policy (its <c>RetryInterceptor</c>): a timer
/// per wait, and after the last failure a timer due at once, which DTFx keeps for histories it wrote
/// earlier. The history is the same, so a saga that a build with SDK retries started replays here.
/// </summary>
internal static class SagaRetries
{
    /// <summary>
    /// Options that retry by <paramref name="policy"/>, telling <paramref name="failed"/> of each failed
    /// attempt: its number, its error, and whether another attempt follows.
    /// </summary>
    public static TaskOptions Options(TaskOrchestrationContext context, RetryPolicy policy, Action<int, string, bool> failed) =>
        TaskOptions.FromRetryHandler(async retry =>
        {
            var attempt = retry.LastAttemptNumber;
            var isLast = attempt >= policy.MaxNumberOfAttempts;
            // Every failure is retried (the step table's policies set no failure filter), until the attempts or the retry timeout run out.
            var expired = policy.RetryTimeout != Timeout.InfiniteTimeSpan && retry.TotalRetryTime >= policy.RetryTimeout;
            failed(attempt, retry.LastFailure.ErrorMessage, !isLast && !expired);
            if (isLast)
            {
                await context.CreateTimer(context.CurrentUtcDateTime, CancellationToken.None);
                return false;
            }

            if (expired)
            {
                return false;
            }

            await context.CreateTimer(context.CurrentUtcDateTime.Add(Delay(policy, attempt)), CancellationToken.None);
            return true;
        });

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (from 1), computed as DTFx does.</summary>
    public static TimeSpan Delay(RetryPolicy policy, int attempt)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var milliseconds = policy.FirstRetryInterval.TotalMilliseconds * Math.Pow(policy.BackoffCoefficient, attempt - 1);
        return policy.MaxRetryInterval == Timeout.InfiniteTimeSpan || milliseconds < policy.MaxRetryInterval.TotalMilliseconds
            ? TimeSpan.FromMilliseconds(milliseconds)
            : policy.MaxRetryInterval;
    }
}
