using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace SagaFunctions.EventStore.Storage;

/// <summary>Range queries over a stream's event rows, turned back into <see cref="RecordedEvent"/>s.</summary>
internal sealed class EventRowReader
{
    /// <summary>The service returns at most 1,000 entities per page; ask for full pages.</summary>
    private const int PageSize = 1000;

    private readonly TableClient _table;
    private readonly EventTypeRegistry _registry;

    public EventRowReader(TableClient table, EventTypeRegistry registry)
    {
        _table = table;
        _registry = registry;
    }

    /// <summary>Events with <paramref name="fromVersion"/> ≤ version ≤ <paramref name="toVersion"/>, in order, one page per round trip.</summary>
    public async IAsyncEnumerable<RecordedEvent> ReadAsync(string streamId, long fromVersion, long toVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (fromVersion > toVersion)
        {
            yield break;
        }

        var from = TableLayout.EventRowKey(Math.Max(1, fromVersion));
        var filter = toVersion == long.MaxValue
            ? TableClient.CreateQueryFilter($"PartitionKey eq {streamId} and RowKey ge {from} and RowKey lt {TableLayout.EventRowsEnd}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {streamId} and RowKey ge {from} and RowKey le {TableLayout.EventRowKey(toVersion)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, PageSize, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToRecordedEvent(entity);
        }
    }

    /// <summary>
    /// Every event of the table, stream by stream in partition order and each stream in version order:
    /// one scan instead of a query per stream, for a rebuild (on Table Storage, and far more on
    /// Azurite, where every query walks the table, that is what a rebuild's speed comes down to).
    /// </summary>
    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(string? fromStreamId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ne {TableLayout.MarkerPartition} and PartitionKey ge {fromStreamId ?? string.Empty} and RowKey ge {TableLayout.EventRowPrefix} and RowKey lt {TableLayout.EventRowsEnd}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, PageSize, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToRecordedEvent(entity);
        }
    }

    /// <summary>Every stream of the table with its version (its head rows).</summary>
    public async IAsyncEnumerable<(string StreamId, long Version)> ListStreamsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ne {TableLayout.MarkerPartition} and RowKey eq {TableLayout.HeadRowKey}");
        await foreach (var head in _table.QueryAsync<TableEntity>(filter, PageSize, select: ["PartitionKey", TableLayout.Version], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return (head.PartitionKey, head.GetInt64(TableLayout.Version) ?? 0);
        }
    }

    private RecordedEvent ToRecordedEvent(TableEntity entity)
    {
        var typeName = entity.GetString(TableLayout.EventType) ?? string.Empty;
        return new RecordedEvent(
            entity.PartitionKey,
            entity.GetInt64(TableLayout.Version) ?? 0,
            entity.GetString(TableLayout.EventId) ?? string.Empty,
            typeName,
            _registry.Deserialize(typeName, PayloadColumns.Read(entity)),
            entity.GetDateTimeOffset(TableLayout.OccurredAt) ?? DateTimeOffset.MinValue,
            entity.GetString(TableLayout.CorrelationId),
            entity.GetString(TableLayout.CausationId));
    }
}
