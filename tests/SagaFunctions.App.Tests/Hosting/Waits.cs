using Microsoft.DurableTask.Client;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>Bounded waits for things the system reaches eventually (never assertions on time).</summary>
public static class Waits
{
    /// <summary>
    /// Polls until the instance is terminal. (WaitForInstanceCompletionAsync through the sidecar
    /// answers on a 2 s poll; a short poll keeps the tests quick.)
    /// </summary>
    public static async Task<OrchestrationMetadata> ForCompletionAsync(this DurableTaskClient client, string instanceId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (instance is { IsCompleted: true })
            {
                return instance;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Saga {instanceId} did not finish: {instance?.RuntimeStatus}, status {instance?.SerializedCustomStatus}, failure {instance?.FailureDetails}");
            }

            await Task.Delay(50);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting until " + because);
            }

            await Task.Delay(100);
        }
    }
}
