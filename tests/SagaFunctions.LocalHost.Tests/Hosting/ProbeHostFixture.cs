using SagaFunctions.LocalHost;
using SagaFunctions.LocalHost.Tests.Probes;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Hosting;

/// <summary>The assembly's in-process host: the probe functions only, none of the app's.</summary>
public sealed class ProbeHostFixture : LocalHostFixture
{
    protected override string TaskHubPrefix => "hosttests";

    protected override string WriteHostJson() => TestHostJson.WithDurableLeases();

    protected override void Configure(LocalHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Settings[ProbeQueueFunctions.QueueSetting] = ProbeQueueFunctions.QueueName;
        options.FunctionTypes.Clear();
        options.FunctionTypes.Add(typeof(ProbeFunctions));
        options.FunctionTypes.Add(typeof(ProbeQueueFunctions));
    }
}
