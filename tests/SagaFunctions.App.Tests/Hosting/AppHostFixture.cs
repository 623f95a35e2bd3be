using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Saga;
using SagaFunctions.LocalHost;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>
/// The assembly's host, running all the app's functions in both saga styles: every integration event
/// published twice (<see cref="DuplicatingPublisher"/>), the choreography's deadline sweep every two
/// seconds, faults a test arms for one order and steps it holds (<see cref="Faults"/>, <see cref="Holds"/>).
/// </summary>
public sealed class AppHostFixture : LocalHostFixture
{
    /// <summary>
    /// The step timeout of both styles (the orchestration's step timer, the choreography's deadline): long
    /// enough that no step of 50 concurrent sagas on a busy machine reaches it, so only tok_timeout and
    /// held captures time out.
    /// </summary>
    public const string StepTimeout = "00:00:45";

    /// <summary>When tok_slow answers: well after either style gave up on it (the step timeout, plus a sweep in choreography).</summary>
    public const string SlowAnswerAfter = "00:01:00";

    public AppHostFixture() => Faults = new TestFaults(Holds);

    public HeldSteps Holds { get; } = new();

    public TestFaults Faults { get; }

    public DurableTaskClient Durable => Get<DurableTaskClient>();

    protected override string TaskHubPrefix => "apptests";

    protected override string WriteHostJson() => TestHostJson.WithDurableLeases();

    protected override void Configure(LocalHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Settings["Saga:StepTimeout"] = StepTimeout;
        options.Settings["ChoreographySweepSchedule"] = "*/2 * * * * *";
        options.Settings["Payments:SlowAnswerAfter"] = SlowAnswerAfter;
        options.ConfigureServices = services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IReadOnlyList<IntegrationTarget>>(sp =>
                [new IntegrationTarget(IntegrationServices.StorageQueueConsumer, new DuplicatingPublisher(new StorageQueueIntegrationPublisher(sp.GetRequiredService<SagaStorage>())))]));
            services.Replace(ServiceDescriptor.Singleton<IFaultInjector>(Faults));
        };
    }
}
