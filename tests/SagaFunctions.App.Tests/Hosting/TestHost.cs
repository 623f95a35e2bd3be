using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.LocalHost;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>Starts the local host in-process on the test run's Azurite, on free ports.</summary>
public static class TestHost
{
    public static Task<LocalFunctionsHost> StartAsync(AzuriteFixture azurite, string taskHub, Action<LocalHostOptions>? configure = null)
    {
        var options = new LocalHostOptions { Port = 0, SidecarPort = 0, TaskHubName = taskHub };
        options.Settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        options.Settings["SagaStorage"] = azurite.ConnectionString;
        configure?.Invoke(options);
        return LocalFunctionsHost.StartAsync(options);
    }

    public static HttpClient HttpClient(this LocalFunctionsHost host) => new() { BaseAddress = host.BaseAddress };

    public static DurableTaskClient DurableClient(this LocalFunctionsHost host) => host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>
    /// Polls the instance until it reaches a terminal state. (WaitForInstanceCompletionAsync
    /// through the sidecar answers on a 2 s poll; a short poll keeps the tests quick.)
    /// </summary>
    public static async Task<OrchestrationMetadata> WaitForCompletionAsync(this DurableTaskClient client, string instanceId, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancel.Token);
            if (instance is { IsCompleted: true })
            {
                return instance;
            }

            await Task.Delay(50, cancel.Token);
        }
    }

    /// <summary>Waits for a condition that the system reaches eventually; fails with the message after the timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
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

    /// <summary>A host.json for a test, written to a temp file.</summary>
    public static string WriteHostJson(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "sagafunctions-tests", Guid.NewGuid().ToString("N") + ".host.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }
}
