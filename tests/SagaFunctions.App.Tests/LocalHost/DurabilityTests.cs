using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.LocalHost;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class DurabilityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Orchestration_stopped_mid_activity_completes_on_a_new_host_with_each_effect_applied_once()
    {
        var hub = AzuriteFixture.UniqueName("durability");
        var instanceId = Guid.NewGuid().ToString("N");
        // A short work-item lease so the interrupted activity is handed out again quickly.
        var hostJson = TestHost.WriteHostJson("""
            { "version": "2.0", "extensions": { "durableTask": { "storageProvider": {
              "workItemQueueVisibilityTimeout": "00:00:05", "maxQueuePollingInterval": "00:00:01" } } } }
            """);
        void Configure(SagaFunctions.LocalHost.LocalHostOptions o)
        {
            o.FunctionTypes.Add(typeof(ProbeFunctions));
            o.HostJsonPath = hostJson;
        }

        var first = await TestHost.StartAsync(azurite, hub, Configure);
        await first.DurableClient().ScheduleNewOrchestrationInstanceAsync(
            nameof(ProbeFunctions.ProbeOrchestrator), new ProbeInput(3, BlockStep2OnFirstRun: true), new StartOrchestrationOptions(instanceId));
        await ProbeGate.WaitUntilReachedAsync(instanceId).WaitAsync(TimeSpan.FromSeconds(60));
        await first.DisposeAsync();

        await using var second = await TestHost.StartAsync(azurite, hub, Configure);
        var done = await second.DurableClient().WaitForCompletionAsync(instanceId, TimeSpan.FromSeconds(120));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(6, done.ReadOutputAs<int>());
        var table = new TableClient(azurite.ConnectionString, ProbeFunctions.EffectsTable);
        var counter = (await table.GetEntityAsync<TableEntity>(instanceId, "counter")).Value;
        Assert.Equal(3, counter.GetInt32("Value"));
        Assert.True(await ProbeFunctions.CountAsync(table, instanceId, "attempt-2-") >= 2, "step 2 should have run again on the new host");
    }
}
