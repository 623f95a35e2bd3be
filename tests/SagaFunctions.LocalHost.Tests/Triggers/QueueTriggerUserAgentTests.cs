using Azure.Core;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.LocalHost.Configuration;
using SagaFunctions.LocalHost.Tests.Hosting;
using SagaFunctions.LocalHost.Triggers;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Triggers;

/// <summary>
/// The local queue triggers' requests name them in their User-Agent, apart from the app's, so storage
/// logs (and the saga benchmark's split of its request count) can tell them from the durable backend's.
/// </summary>
[Collection(ProbeHostCollectionDefinition.Name)]
public sealed class QueueTriggerUserAgentTests(ProbeHostFixture fixture)
{
    [Fact]
    public async Task The_queue_trigger_listeners_requests_carry_their_own_application_id()
    {
        var seen = new UserAgentRecorder();
        var options = QueueTriggerListener.ClientOptions(new QueueSettings());
        options.AddPolicy(seen, HttpPipelinePosition.PerRetry);
        var queue = new Azure.Storage.Queues.QueueClient(fixture.Azurite.ConnectionString, "user-agent-probe", options);

        await queue.CreateIfNotExistsAsync();

        Assert.StartsWith(QueueTriggerListener.ApplicationId + " azsdk-net-", Assert.Single(seen.Agents), StringComparison.Ordinal);
        Assert.NotEqual(SagaStorage.ApplicationId, QueueTriggerListener.ApplicationId);
    }
}
