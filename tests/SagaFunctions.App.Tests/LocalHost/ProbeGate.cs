using System.Collections.Concurrent;

namespace SagaFunctions.App.Tests.LocalHost;

/// <summary>Lets a test wait until a probe activity has applied its effect and is "crashing".</summary>
public static class ProbeGate
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public static Task WaitUntilReachedAsync(string instanceId) =>
        Gates.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public static void Reached(string instanceId) =>
        Gates.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
