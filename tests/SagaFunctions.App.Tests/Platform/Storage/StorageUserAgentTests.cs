using Microsoft.Extensions.Configuration;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Platform.Storage;

/// <summary>
/// The app's requests name it in their User-Agent (the local queue triggers name theirs: SagaFunctions.LocalHost.Tests),
/// so storage logs (and the saga benchmark's split of its request count) can tell them from the durable backend's.
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
}
