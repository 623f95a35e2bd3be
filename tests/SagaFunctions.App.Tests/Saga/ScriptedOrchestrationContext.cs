using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Tests.Saga;

/// <summary>
/// Replays an orchestrator against a recorded history: each activity call gets the result the
/// history recorded for it, in order. A call that differs from the history (another name, another
/// order) is what the durable runtime reports as a non-deterministic orchestrator.
/// </summary>
public sealed class ScriptedOrchestrationContext(IReadOnlyList<(string Activity, StepResult? Result)> history) : TaskOrchestrationContext
{
    private int _next;

    public List<string> Scheduled { get; } = [];

    public object? CustomStatus { get; private set; }

    public override TaskName Name => "OrderSaga";

    public override string InstanceId => "replayed-order";

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public override bool IsReplaying => true;

    public override TaskOrchestrationEntityFeature Entities => throw new NotSupportedException();

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        Scheduled.Add(name.Name);
        if (_next >= history.Count || history[_next].Activity != name.Name)
        {
            throw new InvalidOperationException(
                $"Non-deterministic: call {_next + 1} is '{name.Name}', the recorded history has '{(_next < history.Count ? history[_next].Activity : "nothing")}'.");
        }

        var recorded = history[_next++].Result;
        await Task.Yield();
        if (recorded is null)
        {
            throw new TaskFailedException(name.Name, _next, new TaskFailureDetails("Injected", "The activity failed.", null, null, null));
        }

        return (TResult)(object)recorded;
    }

    // Timers and events never fire in these histories: every step answered in time.
    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) =>
        Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        new TaskCompletionSource<T>().Task;

    public override void SetCustomStatus(object? customStatus) => CustomStatus = customStatus;

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException();

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

    public override Guid NewGuid() => Guid.Empty;

    public override T? GetInput<T>() where T : default => default;
}
