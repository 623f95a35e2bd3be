using System.Reflection;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging.Abstractions;
using SagaFunctions.LocalHost.Durable;

namespace SagaFunctions.LocalHost.Tests.Durable;

/// <summary>
/// The session loop the sidecar's dispatcher lacks, against a scripted backend and session: when a
/// work item is kept, handed back, or released. The real backend under it is exercised by every saga
/// test (the repository's host.json turns extended sessions on), including the killed-host restart.
/// </summary>
public sealed class ExtendedSessionsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_running_orchestration_is_kept_after_its_episode_and_comes_back_with_its_next_messages_and_the_committed_events_as_past()
    {
        var backend = ScriptedBackend.Create(out var script, maxConcurrent: 4);
        var sessions = new ExtendedSessions(backend, NullLogger<ExtendedSessions>.Instance);
        var session = new ScriptedSession();
        script.Locks.Enqueue(Running("order-1", session));

        var workItem = await sessions.LockNextTaskOrchestrationWorkItemAsync(Timeout.InfiniteTimeSpan, CancellationToken.None);
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        Assert.Empty(script.Released);

        var answer = new TaskMessage { Event = new TaskCompletedEvent(-1, 0, "\"ok\""), OrchestrationInstance = workItem.OrchestrationRuntimeState.OrchestrationInstance };
        session.Deliver([answer]);
        var resumed = await sessions.LockNextTaskOrchestrationWorkItemAsync(Timeout.InfiniteTimeSpan, CancellationToken.None).WaitAsync(Wait);

        Assert.Same(workItem, resumed);
        Assert.Equal([answer], resumed.NewMessages);
        Assert.Equal(
            [EventType.OrchestratorStarted, EventType.ExecutionStarted, EventType.TaskScheduled],
            resumed.OrchestrationRuntimeState.PastEvents.Select(e => e.EventType));
        Assert.Empty(resumed.OrchestrationRuntimeState.NewEvents);
        Assert.Equal("step 1", resumed.OrchestrationRuntimeState.Status);
        Assert.Empty(script.Released);
    }

    [Fact]
    public async Task A_finished_orchestration_is_released_at_once()
    {
        var backend = ScriptedBackend.Create(out var script, maxConcurrent: 4);
        var sessions = new ExtendedSessions(backend, NullLogger<ExtendedSessions>.Instance);
        var workItem = Running("order-1", new ScriptedSession());
        workItem.OrchestrationRuntimeState.AddEvent(new ExecutionCompletedEvent(3, "\"done\"", OrchestrationStatus.Completed));

        await sessions.ReleaseTaskOrchestrationWorkItemAsync(workItem);

        Assert.Equal(["order-1"], script.Released);
    }

    [Fact]
    public async Task An_abandoned_episode_is_released_so_its_uncommitted_events_are_not_kept()
    {
        var backend = ScriptedBackend.Create(out var script, maxConcurrent: 4);
        var sessions = new ExtendedSessions(backend, NullLogger<ExtendedSessions>.Instance);
        var workItem = Running("order-1", new ScriptedSession());

        await sessions.AbandonTaskOrchestrationWorkItemAsync(workItem);
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(workItem);

        Assert.Equal(["order-1"], script.Abandoned);
        Assert.Equal(["order-1"], script.Released);
    }

    [Fact]
    public async Task A_session_that_gets_no_messages_within_its_idle_timeout_is_released_and_ended()
    {
        var backend = ScriptedBackend.Create(out var script, maxConcurrent: 4);
        var sessions = new ExtendedSessions(backend, NullLogger<ExtendedSessions>.Instance);
        var session = new ScriptedSession();

        await sessions.ReleaseTaskOrchestrationWorkItemAsync(Running("order-1", session));
        Assert.Empty(script.Released);
        session.Deliver(null); // what the backend's session answers when its idle timeout passes

        Assert.Equal("order-1", await script.NextRelease.Task.WaitAsync(Wait));
        Assert.True(session.Ended);
    }

    [Fact]
    public async Task At_most_half_of_the_orchestrator_concurrency_waits_in_sessions_as_in_durable_functions()
    {
        var backend = ScriptedBackend.Create(out var script, maxConcurrent: 2);
        var sessions = new ExtendedSessions(backend, NullLogger<ExtendedSessions>.Instance);

        await sessions.ReleaseTaskOrchestrationWorkItemAsync(Running("order-1", new ScriptedSession()));
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(Running("order-2", new ScriptedSession()));

        Assert.Equal(["order-2"], script.Released);
    }

    [Fact]
    public async Task A_work_item_the_backend_locked_while_a_resumed_session_won_the_fetch_is_handed_out_next()
    {
        var backend = ScriptedBackend.Create(out var script, maxConcurrent: 4);
        var sessions = new ExtendedSessions(backend, NullLogger<ExtendedSessions>.Instance);
        var session = new ScriptedSession();
        var kept = Running("order-1", session);
        await sessions.ReleaseTaskOrchestrationWorkItemAsync(kept);

        var fetch = sessions.LockNextTaskOrchestrationWorkItemAsync(Timeout.InfiniteTimeSpan, CancellationToken.None);
        session.Deliver([new TaskMessage { Event = new TaskCompletedEvent(-1, 0, null), OrchestrationInstance = kept.OrchestrationRuntimeState.OrchestrationInstance }]);
        Assert.Same(kept, await fetch.WaitAsync(Wait));

        var other = Running("order-2", new ScriptedSession());
        script.Locks.Enqueue(other);
        Assert.Same(other, await sessions.LockNextTaskOrchestrationWorkItemAsync(Timeout.InfiniteTimeSpan, CancellationToken.None).WaitAsync(Wait));
    }

    /// <summary>A work item after one episode of a running orchestration: started, one activity scheduled.</summary>
    private static TaskOrchestrationWorkItem Running(string instanceId, IOrchestrationSession session)
    {
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = "e1" };
        var state = new OrchestrationRuntimeState();
        state.AddEvent(new OrchestratorStartedEvent(-1));
        state.AddEvent(new ExecutionStartedEvent(-1, "{}") { OrchestrationInstance = instance, Name = "OrderSaga" });
        state.AddEvent(new TaskScheduledEvent(0, "ReserveCredit"));
        state.Status = "step 1";
        return new TaskOrchestrationWorkItem { InstanceId = instanceId, OrchestrationRuntimeState = state, Session = session, NewMessages = [] };
    }

    /// <summary>A backend session whose next messages (or idle timeout: null) the test delivers.</summary>
    private sealed class ScriptedSession : IOrchestrationSession
    {
        private readonly TaskCompletionSource<IList<TaskMessage>?> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Ended { get; private set; }

        public void Deliver(IList<TaskMessage>? messages) => _next.SetResult(messages);

        public Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem) => _next.Task;

        public Task EndSessionAsync()
        {
            Ended = true;
            return Task.CompletedTask;
        }
    }

    /// <summary>The orchestration half of a backend: work items to lock (a lock waits for one), releases and abandons.</summary>
    public class ScriptedBackend : DispatchProxy
    {
        private readonly Queue<TaskCompletionSource<TaskOrchestrationWorkItem>> _waiting = new();

        public WorkItems Locks { get; private set; } = null!;

        public List<string> Released { get; } = [];

        public List<string> Abandoned { get; } = [];

        public TaskCompletionSource<string> NextRelease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private int MaxConcurrent { get; set; }

        public static IOrchestrationService Create(out ScriptedBackend script, int maxConcurrent)
        {
            var proxy = Create<IOrchestrationService, ScriptedBackend>();
            script = (ScriptedBackend)(object)proxy;
            script.MaxConcurrent = maxConcurrent;
            script.Locks = new WorkItems(script._waiting);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod?.Name)
            {
                case "get_" + nameof(IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems):
                    return MaxConcurrent;
                case nameof(IOrchestrationService.LockNextTaskOrchestrationWorkItemAsync):
                    var lockTask = new TaskCompletionSource<TaskOrchestrationWorkItem>(TaskCreationOptions.RunContinuationsAsynchronously);
                    lock (_waiting)
                    {
                        _waiting.Enqueue(lockTask);
                        Locks.Hand();
                    }

                    return lockTask.Task;
                case nameof(IOrchestrationService.ReleaseTaskOrchestrationWorkItemAsync):
                    var released = ((TaskOrchestrationWorkItem)args![0]!).InstanceId;
                    Released.Add(released);
                    NextRelease.TrySetResult(released);
                    return Task.CompletedTask;
                case nameof(IOrchestrationService.AbandonTaskOrchestrationWorkItemAsync):
                    Abandoned.Add(((TaskOrchestrationWorkItem)args![0]!).InstanceId);
                    return Task.CompletedTask;
                default:
                    throw new NotSupportedException(targetMethod?.Name);
            }
        }
    }

    /// <summary>Work items for the backend to hand to lock calls, in order, whenever both are there.</summary>
    public sealed class WorkItems(Queue<TaskCompletionSource<TaskOrchestrationWorkItem>> waiting)
    {
        private readonly Queue<TaskOrchestrationWorkItem> _ready = new();

        public void Enqueue(TaskOrchestrationWorkItem workItem)
        {
            lock (waiting)
            {
                _ready.Enqueue(workItem);
                Hand();
            }
        }

        internal void Hand()
        {
            while (_ready.Count > 0 && waiting.Count > 0)
            {
                waiting.Dequeue().SetResult(_ready.Dequeue());
            }
        }
    }
}
