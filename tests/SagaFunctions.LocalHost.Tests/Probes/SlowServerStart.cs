using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Probes;

/// <summary>
/// Holds a host process's start for a few seconds after every service registered before it has started
/// and before the web server binds its ports (hosted services start in order, the server last): the
/// window a busy machine opens by chance, made wide on purpose. Added with <c>--configure-services</c>.
/// </summary>
public sealed class SlowServerStart : IHostedService
{
    public static readonly string TypeName = LocalHostProcess.TypeArgument(typeof(SlowServerStart));

    public static void ConfigureServices(IServiceCollection services) => services.AddHostedService<SlowServerStart>();

    public Task StartAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
