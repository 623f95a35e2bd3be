using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.App.Saga;
using SagaFunctions.App.Tests.LocalHost;
using SagaFunctions.LocalHost;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>
/// One Azurite and one in-process local host for the whole assembly (the DurableTask sidecar
/// allows one host per process), running the app's functions plus the test probes, with a
/// controllable fault injector. Tests isolate themselves by using their own ids.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public const string StepTimeout = "00:00:45";

    public AzuriteFixture Azurite { get; } = new();

    public LocalFunctionsHost Host { get; private set; } = null!;

    public TestFaults Faults { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public DurableTaskClient Durable => Host.Services.GetRequiredService<DurableTaskClient>();

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        Host = await LocalFunctionsHost.StartAsync(Options(Azurite, AzuriteFixture.UniqueName("apptests"), Faults));
        Http = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    public static LocalHostOptions Options(AzuriteFixture azurite, string taskHub, IFaultInjector? faults = null)
    {
        var options = new LocalHostOptions { Port = 0, SidecarPort = 0, TaskHubName = taskHub, HostJsonPath = TestHostJson() };
        options.Settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        options.Settings["SagaStorage"] = azurite.ConnectionString;
        options.Settings["Saga:StepTimeout"] = StepTimeout;
        options.FunctionTypes.Add(typeof(ProbeFunctions));
        options.FunctionTypes.Add(typeof(ProbeQueueFunctions));
        if (faults is not null)
        {
            options.ConfigureServices = services => services.Replace(ServiceDescriptor.Singleton(faults));
        }

        return options;
    }

    /// <summary>The repository's host.json, with queue retries made quick so poison tests finish fast.</summary>
    public static string TestHostJson(string workItemLease = "00:00:10", string? controlQueueLease = null)
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))!;
        var queues = hostJson["extensions"]!["queues"]!;
        queues["maxDequeueCount"] = 3;
        queues["visibilityTimeout"] = "00:00:00.200";
        queues["maxPollingInterval"] = "00:00:00.500";
        // A killed host's running activities are handed out again after this lease.
        hostJson["extensions"]!["durableTask"]!["storageProvider"]!["workItemQueueVisibilityTimeout"] = workItemLease;
        // A killed host's fetched but unprocessed orchestration messages (an activity's answer, a
        // start, an event) come back after this lease.
        if (controlQueueLease is not null)
        {
            hostJson["extensions"]!["durableTask"]!["storageProvider"]!["controlQueueVisibilityTimeout"] = controlQueueLease;
        }

        var path = Path.Combine(Path.GetTempPath(), "sagafunctions-tests", Guid.NewGuid().ToString("N") + ".host.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, hostJson.ToJsonString());
        return path;
    }
}
