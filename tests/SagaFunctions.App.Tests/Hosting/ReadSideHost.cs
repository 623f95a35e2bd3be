using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.LocalHost;
using SagaFunctions.Testing;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.ReadSide;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>The assembly's host, with the dropping notifier and a sweep every 2 s.</summary>
public sealed class ReadSideHost : LocalHostFixture
{
    public AppStreams Aggregates => new(Host.Services);

    public SagaStorage Storage => Get<SagaStorage>();

    protected override string TaskHubPrefix => "readside";

    /// <summary>Waits (bounded) for a condition the system reaches eventually (<see cref="Eventually.TrueAsync"/>).</summary>
    public static Task EventuallyAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(condition, because, timeout ?? TimeSpan.FromSeconds(60));

    protected override void Configure(LocalHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Settings["ProjectionSweepSchedule"] = "*/2 * * * * *";
        options.Settings["ProjectionSweep:Grace"] = "00:00:02";
        // Rebuilds fold in slices this small, so every rebuild here saves and resumes progress many times.
        options.Settings["Projections:RebuildSliceEvents"] = "7";
        // These tests read order-events themselves: no competing consumer (the choreography).
        options.FunctionTypes.Remove(typeof(SagaFunctions.App.Choreography.ChoreographyDispatcher));
        options.ConfigureServices = services =>
        {
            services.TryAddSingleton<QueueAppendNotifier>();
            services.Replace(ServiceDescriptor.Singleton<IAppendNotifier, DroppingNotifier>());
        };
    }

    // The app creates its tables on first use by a function; tests append before any runs.
    protected override Task OnStartedAsync() => Get<EventStores>().EnsureCreatedAsync();
}
