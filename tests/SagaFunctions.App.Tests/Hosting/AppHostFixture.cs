using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.App.Saga;
using SagaFunctions.App.Tests.LocalHost;
using SagaFunctions.LocalHost;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>The assembly's host, running the app's functions plus the test probes, with a controllable fault injector.</summary>
public sealed class AppHostFixture : LocalHostFixture
{
    public const string StepTimeout = "00:00:45";

    public TestFaults Faults { get; } = new();

    public DurableTaskClient Durable => Get<DurableTaskClient>();

    protected override string TaskHubPrefix => "apptests";

    /// <summary>The test host.json with the durable leases a crash test needs.</summary>
    public static string TestHostJson(string workItemLease = "00:00:10", string? controlQueueLease = null) =>
        SagaFunctions.Testing.TestHostJson.Write(hostJson =>
        {
            var provider = hostJson["extensions"]!["durableTask"]!["storageProvider"]!;
            // A killed host's running activities are handed out again after this lease.
            provider["workItemQueueVisibilityTimeout"] = workItemLease;
            // A killed host's fetched but unprocessed orchestration messages (an activity's answer, a
            // start, an event) come back after this lease.
            if (controlQueueLease is not null)
            {
                provider["controlQueueVisibilityTimeout"] = controlQueueLease;
            }
        });

    protected override string WriteHostJson() => TestHostJson();

    protected override void Configure(LocalHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Settings["Saga:StepTimeout"] = StepTimeout;
        options.Settings[ProbeQueueFunctions.QueueSetting] = ProbeQueueFunctions.QueueName;
        options.FunctionTypes.Add(typeof(ProbeFunctions));
        options.FunctionTypes.Add(typeof(ProbeQueueFunctions));
        options.ConfigureServices = services => services.Replace(ServiceDescriptor.Singleton<IFaultInjector>(Faults));
    }
}
