using Microsoft.Extensions.Logging.Abstractions;
using SagaFunctions.LocalHost.Tests.Hosting;
using SagaFunctions.LocalHost.Configuration;
using SagaFunctions.LocalHost.Durable;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Durable;

/// <summary>A host stopped before its durable backend started must stop cleanly (the backend alone throws).</summary>
[Collection(ProbeHostCollectionDefinition.Name)]
public sealed class StopAfterStartTests(ProbeHostFixture fixture)
{
    [Fact]
    public async Task A_backend_that_never_started_is_not_stopped()
    {
        var backend = Backend();
        await Assert.ThrowsAsync<NullReferenceException>(() => backend.StopAsync(isForced: false)); // why the guard exists

        await new StopAfterStart(Backend()).StopAsync(isForced: false);
    }

    [Fact]
    public async Task A_stop_during_the_start_waits_for_it_and_then_stops()
    {
        var guarded = new StopAfterStart(Backend());

        var starting = guarded.StartAsync();
        await guarded.StopAsync(isForced: false);

        Assert.True(starting.IsCompletedSuccessfully);
    }

    private DurableTask.AzureStorage.AzureStorageOrchestrationService Backend() =>
        LocalDurableBackend.CreateOrchestrationService(fixture.Azurite.ConnectionString, new HostJsonSettings { HubName = AzuriteFixture.UniqueName("stopafterstart") }, NullLoggerFactory.Instance);
}
