using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.LocalHost;
using SagaFunctions.Testing;

namespace SagaFunctions.Projections.Tests.Hosting;

/// <summary>
/// One Azurite and one in-process local host for the assembly (one host per process), with the
/// dropping notifier, a sweep every 2 s and quick queue retries. Tests isolate by their own ids.
/// </summary>
public sealed class ReadSideHost : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public LocalFunctionsHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public Aggregates Aggregates => Host.Services.GetRequiredService<Aggregates>();

    public SagaStorage Storage => Host.Services.GetRequiredService<SagaStorage>();

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        var options = new LocalHostOptions { Port = 0, SidecarPort = 0, TaskHubName = AzuriteFixture.UniqueName("readside"), HostJsonPath = QuickQueuesHostJson() };
        options.Settings["AzureWebJobsStorage"] = Azurite.ConnectionString;
        options.Settings["SagaStorage"] = Azurite.ConnectionString;
        options.Settings["ProjectionSweepSchedule"] = "*/2 * * * * *";
        options.Settings["ProjectionSweep:Grace"] = "00:00:02";
        // These tests read order-events themselves: no competing consumer (the choreography).
        options.FunctionTypes.Remove(typeof(SagaFunctions.App.Choreography.ChoreographyDispatcher));
        options.ConfigureServices = services =>
        {
            services.TryAddSingleton<QueueAppendNotifier>();
            services.Replace(ServiceDescriptor.Singleton<IAppendNotifier, DroppingNotifier>());
        };
        Host = await LocalFunctionsHost.StartAsync(options);
        // The app creates its tables on first use by a function; tests append before any runs.
        await Host.Services.GetRequiredService<EventStores>().EnsureCreatedAsync();
        Http = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>Waits (bounded) for a condition the system reaches eventually.</summary>
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

    /// <summary>The repository's host.json with quick queue retries, so poison tests finish fast.</summary>
    private static string QuickQueuesHostJson()
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
