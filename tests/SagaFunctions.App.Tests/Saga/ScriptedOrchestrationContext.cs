using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Tests.Saga;

/// <summary>
/// Replays an orchestrator against a scripted history: each activity call gets the answer the
/// history holds for it, in order. A call that differs from the history (another name, another
/// order) is what the durable runtime reports as a non-deterministic orchestrator. Besides answers,
/// the history can say that an activity never answers (<see cref="NoAnswer"/>), that the task's id
/// got a timer's answer (<see cref="TimerAnswer"/>), that every step timer fires at once, and that
/// the cancel event arrives before a given call.
/// </summary>
public sealed class ScriptedOrchestrationContext(
    IReadOnlyList<(string Activity, StepResult? Result)> history,
    bool timersFire = false,
    int? cancelBeforeCall = null) : TaskOrchestrationContext
{
    /// <summary>The activity never answers (a hanging gateway, or an answer held by a dead host).</summary>
    public static readonly StepResult NoAnswer = StepResult.Success("(no answer)");

    /// <summary>A timer's answer lands on the task's id: no step result at all (the backend hands over the timer id).</summary>
    public static readonly StepResult TimerAnswer = StepResult.Success("(a timer fired)");

    private readonly TaskCompletionSource<object?> _cancel = new();
    private int _next;

    public List<string> Scheduled { get; } = [];

    public List<object?> Inputs { get; } = [];

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
        Inputs.Add(input);
        if (cancelBeforeCall == Scheduled.Count)
        {
            _cancel.TrySetResult(null);
        }

        if (_next >= history.Count || history[_next].Activity != name.Name)
        {
            throw new InvalidOperationException(
                $"Non-deterministic: call {_next + 1} is '{name.Name}', the recorded history has '{(_next < history.Count ? history[_next].Activity : "nothing")}'.");
        }

        var recorded = history[_next++].Result;
        await Task.Yield();
        if (ReferenceEquals(recorded, NoAnswer))
        {
            await Task.Delay(Timeout.Infinite);
        }

        if (ReferenceEquals(recorded, TimerAnswer))
        {
            throw new JsonException("The JSON value could not be converted to StepResult.");
        }

        return recorded is null
            ? throw new TaskFailedException(name.Name, _next, new TaskFailureDetails("Injected", "The activity failed.", null, null, null))
            : (TResult)(object)recorded;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) =>
        timersFire ? Task.CompletedTask : Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);

    public override async Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        await _cancel.Task;
        return default!;
    }

    public override void SetCustomStatus(object? customStatus) => CustomStatus = customStatus;

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException();

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

    public override Guid NewGuid() => Guid.Empty;

    public override T? GetInput<T>() where T : default => default;
}
