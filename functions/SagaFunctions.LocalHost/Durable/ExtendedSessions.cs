using System.Collections.Concurrent;
using System.Threading.Channels;
using DurableTask.Core;

namespace SagaFunctions.LocalHost.Durable;

/// <summary>
/// Extended sessions (host.json <c>extendedSessionsEnabled</c>) for the gRPC sidecar's dispatcher: an
/// orchestration that is not finished stays in memory after its episode, and the next messages for
/// it run against that state instead of a history read.
/// </summary>
/// <remarks>
/// DTFx AzureStorage keeps such a session for us (<c>IOrchestrationSession.FetchNewOrchestrationMessagesAsync</c>:
/// messages for an instance in memory go to its session), but only DTFx's own dispatcher, the one the
/// Functions host runs in Azure, asks it for more. The sidecar's dispatcher releases every work item
/// after one episode, so the setting did nothing here: each episode read the history again (on Azurite
/// a scan of the whole History table). This decorator does what DTFx's dispatcher does:
/// <list type="bullet">
/// <item>on release, waits for the session's next messages (up to <c>extendedSessionIdleTimeoutInSeconds</c>)
/// and hands the same work item to the dispatcher's next fetch, with the committed events as its past;</item>
/// <item>releases for real when the orchestration has finished, when the wait times out, when the
/// episode was abandoned (its uncommitted events must not be kept), and beyond half of
/// <c>maxConcurrentOrchestratorFunctions</c> waiting sessions, DTFx's own limit.</item>
/// </list>
/// Durability is unchanged: every episode still commits its history before its messages are
/// deleted, and a process that dies loses only the memory (the messages come back, the history is read).
/// </remarks>
public sealed partial class ExtendedSessions(IOrchestrationService inner, ILogger<ExtendedSessions> logger) : OrchestrationServiceDecorator(inner)
{
    private readonly Channel<TaskOrchestrationWorkItem> _resumed = Channel.CreateUnbounded<TaskOrchestrationWorkItem>();
    private readonly ConcurrentDictionary<TaskOrchestrationWorkItem, byte> _abandoned = new(ReferenceEqualityComparer.Instance);
    private readonly int _maxWaiting = Math.Max(1, (inner.MaxConcurrentTaskOrchestrationWorkItems + 1) / 2);
    private Task<TaskOrchestrationWorkItem>? _locking;
    private Task<bool>? _waking;
    private int _waiting;
    private int _fetching;

    /// <summary>A resumed session if one has messages, else the backend's next work item, whichever comes first.</summary>
    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        // The backend's lock and the wake-up are kept across calls, so neither a locked work item nor a
        // resumed session is lost when the other one wins. That needs one fetch at a time, which is
        // how the sidecar's dispatcher fetches (one loop).
        if (Interlocked.Exchange(ref _fetching, 1) == 1)
        {
            throw new InvalidOperationException("Extended sessions expect one fetch loop for orchestration work items.");
        }

        try
        {
            while (true)
            {
                if (_resumed.Reader.TryRead(out var resumed))
                {
                    return resumed;
                }

                _locking ??= Inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

                // Only a pending wake-up is kept: a completed one was for an item read since, or this call's cancellation.
                if (_waking is not { IsCompleted: false })
                {
                    _waking = _resumed.Reader.WaitToReadAsync(cancellationToken).AsTask();
                }

                await Task.WhenAny(_locking, _waking);
                if (_locking.IsCompleted)
                {
                    var locked = _locking;
                    _locking = null;
                    return await locked;
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            Volatile.Write(ref _fetching, 0);
        }
    }

    public override Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        _abandoned.TryAdd(workItem, 0);
        return Inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    public override Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var abandoned = _abandoned.TryRemove(workItem, out _);
        if (workItem.Session is null || abandoned || IsFinished(workItem.OrchestrationRuntimeState))
        {
            return Inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        }

        if (Interlocked.Increment(ref _waiting) > _maxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            return Inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        }

        _ = KeepAsync(workItem, workItem.Session);
        return Task.CompletedTask;
    }

    private async Task KeepAsync(TaskOrchestrationWorkItem workItem, IOrchestrationSession session)
    {
        IList<TaskMessage>? messages = null;
        try
        {
            messages = await session.FetchNewOrchestrationMessagesAsync(workItem);
        }
        catch (OperationCanceledException)
        {
            // The backend is stopping: release below.
        }
#pragma warning disable CA1031 // A background wait must not fault unobserved; the session is released instead.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogWaitFailed(e, workItem.InstanceId);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        if (messages is null)
        {
            await EndAndReleaseAsync(workItem, session);
            return;
        }

        // What the last episode added is committed now: it becomes the past the next episode replays.
        var committed = workItem.OrchestrationRuntimeState;
        workItem.OrchestrationRuntimeState = new OrchestrationRuntimeState(committed.Events) { Status = committed.Status };
        workItem.NewMessages = messages;
        _resumed.Writer.TryWrite(workItem);
    }

    private async Task EndAndReleaseAsync(TaskOrchestrationWorkItem workItem, IOrchestrationSession session)
    {
        try
        {
            await session.EndSessionAsync();
            await Inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        }
#pragma warning disable CA1031 // Same as the sidecar's own release: best effort, logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogReleaseFailed(e, workItem.InstanceId);
        }
    }

    private static bool IsFinished(OrchestrationRuntimeState state) =>
        state.OrchestrationStatus is not (OrchestrationStatus.Running or OrchestrationStatus.Pending or OrchestrationStatus.Suspended);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the next messages of {InstanceId} failed; its session is released")]
    private partial void LogWaitFailed(Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the session of {InstanceId} failed")]
    private partial void LogReleaseFailed(Exception exception, string instanceId);
}
