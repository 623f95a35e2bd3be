using System.Globalization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using SagaFunctions.App;
using SagaFunctions.Azurite;
using SagaFunctions.LocalHost.Configuration;
using SagaFunctions.LocalHost.Discovery;
using SagaFunctions.LocalHost.Durable;
using SagaFunctions.LocalHost.Http;
using SagaFunctions.LocalHost.Invocation;
using SagaFunctions.LocalHost.Triggers;

namespace SagaFunctions.LocalHost;

/// <summary>
/// Runs the Functions app's own functions without the Functions host, as <c>func start</c> would:
/// HTTP routes from host.json's prefix, orchestrators and activities on the durable backend
/// Durable Functions uses in Azure, queue and timer triggers, Azurite started when needed.
/// One host per process: the DurableTask gRPC sidecar keeps state that a second host started
/// in the same process after the first stopped does not get back (its worker never reconnects),
/// so tests share one in-process host and run restarts as separate processes.
/// </summary>
public sealed partial class LocalFunctionsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AzuriteProcess? _azurite;

    private LocalFunctionsHost(WebApplication app, AzuriteProcess? azurite, Uri baseAddress, IReadOnlyList<FunctionDescriptor> functions)
    {
        _app = app;
        _azurite = azurite;
        BaseAddress = baseAddress;
        Functions = functions;
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    public IServiceProvider Services => _app.Services;

    public IConfiguration Configuration => _app.Configuration;

    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken = default)
    {
        var hostJson = HostJsonSettings.Load(options.HostJsonPath);
        if (options.TaskHubName is not null)
        {
            hostJson = hostJson with { HubName = options.TaskHubName };
        }

        var functions = options.Functions.Apply(FunctionDiscovery.Discover(options.FunctionTypes));
        var invokers = functions.Select(f => new FunctionInvoker(f)).ToList();

        var settings = HostSettings.Collect(options);
        using var bootLoggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var azurite = await DevelopmentStorage.EnsureAsync(settings, HostSettings.StorageSettingNames(settings, functions), options.AzuriteDataFolder, bootLoggers.CreateLogger("LocalHost"), cancellationToken);
        try
        {
            var (app, port) = await BuildAndStartAsync(options, hostJson, invokers, settings, cancellationToken);

            var host = new LocalFunctionsHost(app, azurite, new Uri($"http://localhost:{port}"), functions);
            if (options.PrintBanner)
            {
                host.PrintBanner(hostJson);
            }

            return host;
        }
        catch
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Builds and starts the app. A port probed as free can be taken by another process before the
    /// bind (test assemblies start hosts side by side): then the ports are probed again, twice at most.
    /// </summary>
    private static async Task<(WebApplication App, int Port)> BuildAndStartAsync(
        LocalHostOptions options, HostJsonSettings hostJson, IReadOnlyList<FunctionInvoker> invokers, IDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port == 0 ? PortProbe.FreePort() : options.Port;
            var sidecarPort = options.SidecarPort == 0 ? PortProbe.FreePort() : options.SidecarPort;
            var app = Build(options, hostJson, invokers, settings, port, sidecarPort);
            try
            {
                var orchestrationService = app.Services.GetRequiredService<DurableTask.AzureStorage.AzureStorageOrchestrationService>();
                await orchestrationService.CreateIfNotExistsAsync();
                await app.StartAsync(cancellationToken);
                _ = app.Services.GetRequiredService<TaskHubGrpcServer>();
                return (app, port);
            }
            catch (IOException e) when (e.InnerException is AddressInUseException && (options.Port == 0 || options.SidecarPort == 0) && attempt < 3)
            {
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>Runs until Ctrl+C, then stops the app and the Azurite it started.</summary>
    public async Task WaitForShutdownAsync() => await _app.WaitForShutdownAsync();

    /// <summary>
    /// For the command line: once Ctrl+C (or SIGTERM) has asked the host to stop, give it
    /// <paramref name="grace"/> to stop cleanly, then stop Azurite and end the process. The
    /// sidecar's own stop can wait on its dispatchers far longer than anyone wants to wait.
    /// </summary>
    public void ExitProcessAfterShutdown(TimeSpan grace) =>
        _app.Lifetime.ApplicationStopping.Register(() => _ = Task.Run(async () =>
        {
            await Task.Delay(grace);
            if (_azurite is not null)
            {
                await _azurite.DisposeAsync();
            }

            Environment.Exit(0);
        }));

    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // On the thread pool: the stopping callbacks (the sidecar's is async void) must not capture the caller's
        // synchronization context (a test framework's), which may then wait for them after the stop timed out.
        await Task.Run(() => _app.StopAsync(timeout.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>The level for the durable backend, the sidecar and gRPC: SAGA_DURABLE_LOG_LEVEL when set (to debug them), else <paramref name="otherwise"/>.</summary>
    private static LogLevel DurableLogLevel(LogLevel otherwise) =>
        Environment.GetEnvironmentVariable("SAGA_DURABLE_LOG_LEVEL") is { } level ? Enum.Parse<LogLevel>(level) : otherwise;

    private static WebApplication Build(LocalHostOptions options, HostJsonSettings hostJson, IReadOnlyList<FunctionInvoker> invokers, IDictionary<string, string?> settings, int port, int sidecarPort)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.DurableTask", DurableLogLevel(LogLevel.Warning));
        builder.Logging.AddFilter("DurableTask", DurableLogLevel(LogLevel.Warning));
        // The backend warns about routine things (a cancelled step timer firing after its saga finished).
        builder.Logging.AddFilter("DurableTask.AzureStorage", DurableLogLevel(LogLevel.Error));
        builder.Logging.AddFilter("Grpc", DurableLogLevel(LogLevel.Warning));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenLocalhost(port, o => o.Protocols = HttpProtocols.Http1);
            // The sidecar speaks gRPC over cleartext HTTP/2 and is for this process alone.
            k.Listen(System.Net.IPAddress.Loopback, sidecarPort, o => o.Protocols = HttpProtocols.Http2);
        });

        // The worker's work-item stream stays open until the server gives up on it: without a short
        // shutdown timeout Ctrl+C waits the default 30 s. Cut-off activities are handed out again.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddSagaFunctions(configuration);
        services.AddMvcCore();
        services.AddSingleton(hostJson);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(FunctionKeyAuthorization.FromConfiguration(configuration));

        if (options.StopWhenInputCloses)
        {
            services.AddHostedService<StopWhenInputCloses>();
        }

        // The durable worker and the triggers' listeners start once the server (and the sidecar on it) listens.
        var firstListener = services.Count;
        var holder = new ServiceProviderHolder();
        services.AddLocalDurableBackend(new StorageConnections(configuration).Resolve(null), hostJson, sidecarPort, invokers, holder);

        foreach (var invoker in invokers)
        {
            switch (invoker.Function.Trigger.Kind)
            {
                case BindingKind.QueueTrigger:
                    services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerListener>(sp, invoker));
                    break;
                case BindingKind.TimerTrigger:
                    services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerTriggerScheduler>(sp, invoker));
                    break;
            }
        }

        StartWhenServing.WrapFrom(services, firstListener);
        options.ConfigureServices?.Invoke(services);

        var app = builder.Build();
        holder.Services = app.Services;
        app.MapGrpcService<TaskHubGrpcServer>().RequireHost($"*:{sidecarPort}");
        HttpFunctionEndpoints.Map(app, invokers, hostJson.RoutePrefix, $"*:{port}");
        return app;
    }

    private void PrintBanner(HostJsonSettings hostJson)
    {
        var lines = new List<string> { "", $"SagaFunctions local host: {BaseAddress}", $"Task hub: {hostJson.HubName}", "", "Functions:" };
        if (Functions.FirstOrDefault(f => f.Name == "OperatorConsole") is { } console)
        {
            lines.Insert(3, $"Operator console: {BaseAddress.ToString().TrimEnd('/')}{HttpFunctionEndpoints.RouteOf(console, hostJson.RoutePrefix)}");
        }

        foreach (var function in Functions.OrderBy(f => f.Trigger.Kind).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            lines.Add(function.Trigger.Kind switch
            {
                BindingKind.HttpTrigger => string.Create(CultureInfo.InvariantCulture,
                    $"  {function.Name}: [{string.Join(",", function.TriggerAttribute<HttpTriggerAttribute>().Methods?.Select(m => m.ToUpperInvariant()) ?? ["ALL"])}] {BaseAddress.ToString().TrimEnd('/')}{HttpFunctionEndpoints.RouteOf(function, hostJson.RoutePrefix)}"),
                var kind => $"  {function.Name}: {function.Trigger.MetadataType}",
            });
        }

        lines.Add("");
        lines.Add("Press Ctrl+C to stop.");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
