using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Saga;
using SagaFunctions.LocalHost;
using SagaFunctions.Testing;

namespace SagaFunctions.Choreography.Tests.Hosting;

/// <summary>
/// One Azurite and one in-process local host for the assembly (the DurableTask sidecar allows one
/// host per process), running all the app's functions, with quick queue retries, every integration
/// event published twice, a deadline sweep every two seconds, and steps the tests can hold
/// (<see cref="HeldSteps"/>). Tests isolate themselves by using their own ids.
/// </summary>
public sealed class ChoreographyHost : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public LocalFunctionsHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public HeldSteps Holds { get; } = new();

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        var options = new LocalHostOptions { Port = 0, SidecarPort = 0, TaskHubName = AzuriteFixture.UniqueName("choreo"), HostJsonPath = TestHostJson() };
        options.Settings["AzureWebJobsStorage"] = Azurite.ConnectionString;
        options.Settings["SagaStorage"] = Azurite.ConnectionString;
        // Also the choreography's step timeout: a timed-out test order settles within about 25 s.
        options.Settings["Saga:StepTimeout"] = "00:00:20";
        options.Settings["ChoreographySweepSchedule"] = "*/2 * * * * *";
        options.ConfigureServices = services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IIntegrationEventPublisher>(sp =>
                new DuplicatingPublisher(new StorageQueueIntegrationPublisher(sp.GetRequiredService<SagaStorage>()))));
            services.Replace(ServiceDescriptor.Singleton<IFaultInjector>(Holds));
        };
        Host = await LocalFunctionsHost.StartAsync(options);
        Http = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>The repository's host.json, with queue retries made quick so poison tests finish fast.</summary>
    private static string TestHostJson()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))!;
        var queues = hostJson["extensions"]!["queues"]!;
        queues["maxDequeueCount"] = 3;
        queues["visibilityTimeout"] = "00:00:00.200";
        queues["maxPollingInterval"] = "00:00:00.500";
        var path = Path.Combine(Path.GetTempPath(), "sagafunctions-tests", Guid.NewGuid().ToString("N") + ".host.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, hostJson.ToJsonString());
        return path;
    }
}
