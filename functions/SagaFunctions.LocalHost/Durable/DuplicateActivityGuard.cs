using System.Collections.Concurrent;
using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.History;

namespace SagaFunctions.LocalHost.Durable;

/// <summary>
/// The orchestration service as the gRPC sidecar's dispatchers see it: the backend, except that a
/// second copy of an activity already running here is handed back to the queue instead of to
/// the sidecar.
/// </summary>
/// <remarks>
/// The sidecar (InProcessTestHost 0.2.3-preview.1, <c>TaskHubGrpcServer.CreateTaskCompletionSourceForActivity</c>)
/// keys a running activity by instance id and task id with <c>TryAdd</c>: a second work item with
/// the same key gets a completion source nobody can complete, so its dispatcher slot, and the
/// backend's lock on its message, are held until the process ends. DTFx AzureStorage does deliver
/// such copies: an orchestration episode enqueues its activities before it checkpoints its history,
/// so a process that dies between the two has the episode replayed and the activity enqueued again.
/// Abandoning the copy makes it visible again a few seconds later (with the backend's back-off);
/// by then the first one has answered and the copy runs on its own. Activities are at-least-once
/// anyway, and the orchestration ignores a second answer for a task it already has.
/// </remarks>
public sealed partial class DuplicateActivityGuard(IOrchestrationService inner, ILogger<DuplicateActivityGuard> logger) : IOrchestrationService
{
    private readonly ConcurrentDictionary<string, string> _running = new(StringComparer.OrdinalIgnoreCase);

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            var workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
            if (workItem is null || Key(workItem) is not { } key || _running.TryAdd(key, workItem.Id))
            {
                return workItem!;
            }

            LogDuplicate(key, workItem.Id);
            await inner.AbandonTaskActivityWorkItemAsync(workItem);
        }
    }

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        try
        {
            await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        }
        finally
        {
            Forget(workItem);
        }
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        try
        {
            await inner.AbandonTaskActivityWorkItemAsync(workItem);
        }
        finally
        {
            Forget(workItem);
        }
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    /// <summary>The sidecar's key for a running activity: instance id and task id.</summary>
    private static string? Key(TaskActivityWorkItem workItem) =>
        workItem.TaskMessage?.Event is TaskScheduledEvent scheduled && workItem.TaskMessage.OrchestrationInstance?.InstanceId is { } instanceId
            ? instanceId + "_" + scheduled.EventId.ToString(CultureInfo.InvariantCulture)
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {Key} is already running in this process; work item {WorkItemId} goes back to the queue")]
    private partial void LogDuplicate(string key, string workItemId);

    private void Forget(TaskActivityWorkItem workItem)
    {
        if (Key(workItem) is { } key)
        {
            _running.TryRemove(new KeyValuePair<string, string>(key, workItem.Id));
        }
    }
}
