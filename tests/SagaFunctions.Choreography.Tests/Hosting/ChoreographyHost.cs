using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Saga;
using SagaFunctions.LocalHost;
using SagaFunctions.Testing;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.Choreography.Tests.Hosting;

/// <summary>
/// The assembly's host, running all the app's functions, with every integration event published
/// twice, a deadline sweep every two seconds, and steps the tests can hold (<see cref="HeldSteps"/>).
/// </summary>
public sealed class ChoreographyHost : LocalHostFixture
{
    public HeldSteps Holds { get; } = new();

    /// <summary>Every line the host logs.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override string TaskHubPrefix => "choreo";

    protected override void Configure(LocalHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Also the choreography's step timeout: a timed-out test order settles within about 25 s.
        options.Settings["Saga:StepTimeout"] = "00:00:20";
        options.Settings["ChoreographySweepSchedule"] = "*/2 * * * * *";
        // tok_slow answers well after either style gives up on it (20 s, plus a sweep in choreography).
        options.Settings["Payments:SlowAnswerAfter"] = "00:00:30";
        options.ConfigureServices = services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IReadOnlyList<IntegrationTarget>>(sp =>
                [new IntegrationTarget(IntegrationServices.StorageQueueConsumer, new DuplicatingPublisher(new StorageQueueIntegrationPublisher(sp.GetRequiredService<SagaStorage>())))]));
            services.Replace(ServiceDescriptor.Singleton<IFaultInjector>(Holds));
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        };
    }
}
