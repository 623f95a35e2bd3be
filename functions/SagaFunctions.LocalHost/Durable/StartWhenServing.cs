namespace SagaFunctions.LocalHost.Durable;

/// <summary>
/// Starts a hosted service only once the web server listens (<see cref="IHostApplicationLifetime.ApplicationStarted"/>).
/// Hosted services start before the server binds its ports, and the DurableTask sidecar is served on
/// one of them: a worker or a trigger's function that dials it earlier is refused, and the shared gRPC
/// channel then fails every call, the first HTTP requests' included, until its reconnect backoff ends.
/// The Functions host has the same order: its gRPC endpoint is up before a worker or a listener starts.
/// </summary>
public sealed class StartWhenServing(IHostedService inner, IHostApplicationLifetime lifetime, ILogger<StartWhenServing> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private volatile Task? _started;

    /// <summary>Wraps every hosted service registered from <paramref name="firstIndex"/> on.</summary>
    public static void WrapFrom(IServiceCollection services, int firstIndex)
    {
        ArgumentNullException.ThrowIfNull(services);
        for (var i = firstIndex; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationFactory is { } factory)
            {
                services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<StartWhenServing>(sp, (IHostedService)factory(sp)));
            }
            else if (descriptor.ServiceType == typeof(IHostedService))
            {
                throw new InvalidOperationException($"Register {descriptor.ImplementationType} with a factory so that it can start once the server listens.");
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _started = StartInnerAsync());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_started is { } started)
        {
            await started;
            await inner.StopAsync(cancellationToken);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task StartInnerAsync()
    {
        try
        {
            await inner.StartAsync(_stopping.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStartFailed(logger, inner.GetType().Name, e);
            lifetime.StopApplication();
        }
        catch (OperationCanceledException)
        {
            // Stopped before it started.
        }
    }

    private static readonly Action<ILogger, string, Exception?> LogStartFailed =
        LoggerMessage.Define<string>(LogLevel.Critical, new EventId(1, "StartFailed"), "{Service} failed to start; the host stops.");
}
