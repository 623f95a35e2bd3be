using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using SagaFunctions.Domain.Serialization;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Projections;

/// <summary>
/// Every event of an event table in one range query (partition by partition, in version order),
/// for the rebuild: one scan instead of a query per stream, which on Table Storage (and far more on
/// Azurite, where each query walks the table) is what a rebuild's speed comes down to. Decodes the
/// store's row layout (RowKey "e-" + version, EventType, EventId, OccurredAt, payload in
/// DataChunks/D0…). (Proposed for the event store: a public TableEventStore.ReadAllAsync.)
/// </summary>
public static class EventTableScan
{
    public static async IAsyncEnumerable<RecordedEvent> ReadAllAsync(TableClient eventTable, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventTable);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {"e-"} and RowKey lt {"e."}");
        await foreach (var row in eventTable.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var typeName = row.GetString("EventType") ?? string.Empty;
            yield return new RecordedEvent(
                row.PartitionKey,
                row.GetInt64("Version") ?? 0,
                row.GetString("EventId") ?? string.Empty,
                typeName,
                DomainJson.DeserializeEvent(typeName, Payload(row)),
                row.GetDateTimeOffset("OccurredAt") ?? DateTimeOffset.MinValue,
                row.GetString("CorrelationId"),
                row.GetString("CausationId"));
        }
    }

    private static byte[] Payload(TableEntity row)
    {
        var chunks = row.GetInt32("DataChunks") ?? 0;
        if (chunks == 1)
        {
            return row.GetBinary("D0");
        }

        return [.. Enumerable.Range(0, chunks).SelectMany(i => row.GetBinary("D" + i.ToString(CultureInfo.InvariantCulture)))];
    }
}
