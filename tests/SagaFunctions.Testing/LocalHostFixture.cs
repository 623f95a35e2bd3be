using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.LocalHost;
using Xunit;

namespace SagaFunctions.Testing;

/// <summary>
/// One Azurite and one in-process local host for a test assembly (the DurableTask sidecar allows
/// one host per process), on the repository's host.json with quick queue retries. A subclass says
/// how its host differs (<see cref="Configure"/>). Tests isolate themselves by using their own ids.
/// </summary>
public abstract class LocalHostFixture : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public LocalFunctionsHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Every line the host logs, for tests to search and for failures to show.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The start of the task hub's name (a unique suffix is added).</summary>
    protected abstract string TaskHubPrefix { get; }

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        var options = Options(Azurite, AzuriteFixture.UniqueName(TaskHubPrefix), WriteHostJson());
        Configure(options);
        options.ConfigureServices += services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        Host = await LocalFunctionsHost.StartAsync(options);
        Http = new HttpClient { BaseAddress = Host.BaseAddress };
        await OnStartedAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>Options for a host on <paramref name="azurite"/>: free ports, both storage connections, the test host.json.</summary>
    public static LocalHostOptions Options(AzuriteFixture azurite, string taskHub, string? hostJsonPath = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var options = new LocalHostOptions { Port = 0, SidecarPort = 0, TaskHubName = taskHub, HostJsonPath = hostJsonPath ?? TestHostJson.Write() };
        options.Settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        options.Settings["SagaStorage"] = azurite.ConnectionString;
        return options;
    }

    /// <summary>The host.json the host starts with; its path.</summary>
    protected virtual string WriteHostJson() => TestHostJson.Write();

    /// <summary>Changes the options before the host starts (settings, function types, services).</summary>
    protected virtual void Configure(LocalHostOptions options)
    {
    }

    /// <summary>Runs once the host is up.</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;
}
