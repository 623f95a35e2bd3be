using Azure.Data.Tables;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>An orchestration's history as DTFx AzureStorage keeps it: the rows of its partition of the hub's History table.</summary>
public static class OrchestrationHistory
{
    /// <summary>The instance's history events in the order they were recorded (the partition's sentinel row left out).</summary>
    public static async Task<IReadOnlyList<TableEntity>> ReadAsync(string storageConnection, string hub, string instanceId)
    {
        var table = new TableClient(storageConnection, hub + "History");
        var events = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == instanceId))
        {
            if (row.GetString("EventType") is not null)
            {
                events.Add(row);
            }
        }

        events.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
        return events;
    }
}
