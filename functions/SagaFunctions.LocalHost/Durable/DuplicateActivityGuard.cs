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
public sealed partial class DuplicateActivityGuard(IOrchestrationService inner, ILogger<DuplicateActivityGuard> logger) : OrchestrationServiceDecorator(inner)
{
    private readonly ConcurrentDictionary<string, string> _running = new(StringComparer.OrdinalIgnoreCase);

    public override async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            var workItem = await Inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
            if (workItem is null || Key(workItem) is not { } key || _running.TryAdd(key, workItem.Id))
            {
                return workItem!;
            }

            LogDuplicate(key, workItem.Id);
            await Inner.AbandonTaskActivityWorkItemAsync(workItem);
        }
    }

    public override async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        try
        {
            await Inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        }
        finally
        {
            Forget(workItem);
        }
    }

    public override async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        try
        {
            await Inner.AbandonTaskActivityWorkItemAsync(workItem);
        }
        finally
        {
            Forget(workItem);
        }
    }

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
