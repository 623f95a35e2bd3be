using Azure.Core;
using Azure.Data.Tables;
using SagaFunctions.EventStore.Tests.TestDomain;
using SagaFunctions.Testing;

namespace SagaFunctions.EventStore.Tests.Infrastructure;

/// <summary>Builds stores on a fresh table of the shared Azurite.</summary>
public static class TestStores
{

    public static async Task<TableEventStore> CreateAsync(AzuriteOnDiskFixture azurite, TimeProvider? time = null, RequestCountingPolicy? counter = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var options = new TableClientOptions();
        if (counter is not null)
        {
            options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        }

        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("events"), options);
        var store = new TableEventStore(table, AccountEvents.CreateRegistry(), time);
        await store.CreateTableIfNotExistsAsync();
        return store;
    }

    /// <summary>A second store on the same table, as another process would have.</summary>
    public static TableEventStore OnSameTable(AzuriteOnDiskFixture azurite, TableEventStore store)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        ArgumentNullException.ThrowIfNull(store);
        return new TableEventStore(new TableClient(azurite.ConnectionString, store.TableName), AccountEvents.CreateRegistry());
    }

    public static string NewStreamId() => "account-" + Guid.NewGuid().ToString("N");
}
