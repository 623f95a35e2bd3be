using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using SagaFunctions.EventStore;

namespace SagaFunctions.Benchmarks.Scenarios.EventStore;

/// <summary>
/// The baseline: the same rows the event store writes for an append (event row, idempotency row per
/// event, head and marker), built and batch-inserted with plain Azure.Data.Tables: packed into
/// 100-operation transactions, with no reads, no ETag checks and no conflict handling.
/// </summary>
internal sealed class RawEventRows(TableClient table)
{
    private long _version;

    public async Task AppendAsync(string partition, NewEvent[] events)
    {
        var now = DateTimeOffset.UtcNow;
        var actions = new List<TableTransactionAction>((events.Length * 2) + 2);
        foreach (var e in events)
        {
            _version++;
            var json = JsonSerializer.SerializeToUtf8Bytes((ItemAdded)e.Data, CartJsonContext.Default.ItemAdded);
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(partition, "e-" + _version.ToString("D19", CultureInfo.InvariantCulture))
            {
                ["Version"] = _version,
                ["EventId"] = e.EventId,
                ["EventType"] = CartEvents.ItemAddedName,
                ["OccurredAt"] = now,
                ["CorrelationId"] = e.Metadata?.CorrelationId,
                ["CausationId"] = e.Metadata?.CausationId,
                ["DataChunks"] = 1,
                ["D0"] = json,
            }));
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(partition, "i-" + e.EventId)
            {
                ["Version"] = _version,
                ["DataHash"] = Convert.ToBase64String(SHA256.HashData([.. Encoding.UTF8.GetBytes(CartEvents.ItemAddedName), 0, .. json])),
            }));
        }

        actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "head") { ["Version"] = _version, ["AppendedAt"] = now }));
        actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "marker") { ["Version"] = _version, ["AppendedAt"] = now }));
        foreach (var chunk in actions.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk);
        }
    }
}
