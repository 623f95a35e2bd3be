using Microsoft.DurableTask.Client;
using Xunit;

namespace SagaFunctions.Testing;

/// <summary>
/// Bounded waits for what the system reaches eventually: poll, and fail the test when the deadline
/// passes. A wait only ever fails on its deadline; none asserts how long anything took.
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Reads until <paramref name="done"/> holds for what it read, and returns that. On the deadline the
    /// test fails with <paramref name="because"/> and the last value (described by <paramref name="explain"/> when given).
    /// </summary>
    public static async Task<T> ValueAsync<T>(
        Func<Task<T>> read, Func<T, bool> done, string because, TimeSpan? timeout = null, Func<T, Task<string>>? explain = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var wait = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {wait} waiting until {because}; last: {(explain is null ? value?.ToString() : await explain(value))}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null) =>
        ValueAsync(condition, holds => holds, because, timeout);

    /// <summary>
    /// Polls until the orchestration instance is terminal (completed, failed or terminated) and returns it.
    /// (WaitForInstanceCompletionAsync through the sidecar answers on a 2 s poll; a short poll keeps tests quick.)
    /// </summary>
    public static async Task<OrchestrationMetadata> EventuallyCompletedAsync(this DurableTaskClient client, string instanceId, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var completed = await ValueAsync(
            () => client.GetInstanceAsync(instanceId, getInputsAndOutputs: true),
            instance => instance is { IsCompleted: true },
            $"saga {instanceId} finished",
            timeout,
            instance => Task.FromResult($"{instance?.RuntimeStatus}, status {instance?.SerializedCustomStatus}, failure {instance?.FailureDetails}"));
        return completed!;
    }
}
