using Microsoft.DurableTask.Client;

namespace SagaFunctions.App.Operations.Actions;

/// <summary>
/// Purges orchestration history (the durable backend's instance row and history): one finished saga
/// on an operator's request, or every saga finished longer ago than the retention. A running saga's
/// history is never purged (it is what the orchestration replays); the event streams and the views
/// are not the backend's and stay: they are the record.
/// </summary>
public static class OrchestrationHistory
{
    public static async Task<OperatorAnswer> PurgeAsync(this DurableTaskClient durable, string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var instance = await durable.GetInstanceAsync(orderId, cancellationToken);
        if (instance is null)
        {
            return OperatorAnswer.NotFound($"No orchestration history for order '{orderId}' (a choreographed saga has none; or it was purged).");
        }

        if (!instance.IsCompleted)
        {
            return OperatorAnswer.Refused($"The saga of order '{orderId}' is {instance.RuntimeStatus}: only a finished saga's history can be purged.");
        }

        var purged = await durable.PurgeInstanceAsync(orderId, cancellation: cancellationToken);
        return OperatorAnswer.Done($"Purged {purged.PurgedInstanceCount} instance's history; the order's streams and views stay.");
    }

    /// <summary>
    /// Purges every saga that finished (completed, failed, terminated) before <paramref name="cutoff"/>.
    /// The backend filters by creation time, so it lists the finished sagas created before the cutoff
    /// (none finished before it was created) and purges those whose last update is before it too.
    /// </summary>
    /// <returns>How many were purged.</returns>
    public static async Task<int> PurgeFinishedBeforeAsync(this DurableTaskClient durable, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var query = new OrchestrationQuery
        {
            CreatedTo = cutoff,
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            PageSize = 100,
        };
        var purged = 0;
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.IsCompleted && instance.LastUpdatedAt < cutoff)
            {
                purged += (await durable.PurgeInstanceAsync(instance.InstanceId, cancellation: cancellationToken)).PurgedInstanceCount;
            }
        }

        return purged;
    }
}
