using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.LocalHost.Configuration;
using SagaFunctions.LocalHost.Triggers;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Tests.Infrastructure;

/// <summary>
/// The app's requests name it in their User-Agent, and the local queue triggers' name them, so storage
/// logs (and the saga benchmark's split of its request count) can tell them from the durable backend's.
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class StorageUserAgentTests(AppHostFixture app)
{
    [Fact]
    public async Task The_apps_table_and_queue_requests_carry_its_application_id()
    {
        var seen = new UserAgentRecorder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SagaStorage.ConnectionName] = app.Azurite.ConnectionString }).Build();
        var storage = new SagaStorage(configuration, [seen]);

        await storage.Table("UserAgentProbe").CreateIfNotExistsAsync();
        await storage.Queue("user-agent-probe").CreateIfNotExistsAsync();

        Assert.Equal(2, seen.Agents.Count);
        Assert.All(seen.Agents, agent => Assert.StartsWith(SagaStorage.ApplicationId + " azsdk-net-", agent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_queue_trigger_listeners_requests_carry_their_own_application_id()
    {
        var seen = new UserAgentRecorder();
        var options = QueueTriggerListener.ClientOptions(new QueueSettings());
        options.AddPolicy(seen, HttpPipelinePosition.PerRetry);
        var queue = new Azure.Storage.Queues.QueueClient(app.Azurite.ConnectionString, "user-agent-probe", options);

        await queue.CreateIfNotExistsAsync();

        Assert.StartsWith(QueueTriggerListener.ApplicationId + " azsdk-net-", Assert.Single(seen.Agents), StringComparison.Ordinal);
        Assert.NotEqual(SagaStorage.ApplicationId, QueueTriggerListener.ApplicationId);
    }

    /// <summary>Records the User-Agent of each request it sees.</summary>
    private sealed class UserAgentRecorder : HttpPipelineSynchronousPolicy
    {
        private readonly List<string> _agents = [];

        public IReadOnlyList<string> Agents
        {
            get
            {
                lock (_agents)
                {
                    return [.. _agents];
                }
            }
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            message.Request.Headers.TryGetValue("User-Agent", out var agent);
            lock (_agents)
            {
                _agents.Add(agent ?? "");
            }
        }
    }
}
