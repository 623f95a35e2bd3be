using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// Maps every view row the same way: the record as JSON in one column (<see cref="ReadSideJsonContext"/>:
/// decimals keep every digit, money never rounds), next to the checkpoint columns
/// (<see cref="ViewColumns"/>), in the views table of a generation (<see cref="ViewTables"/>). Writes
/// are guarded: If-Match the row's ETag, or an insert when it has none, so a row another pass changed
/// meanwhile fails the write (409/412) instead of being lost.
/// </summary>
public sealed class ViewStore(ViewTables tables, TimeProvider time)
{
    private const int MaxBatch = 100;
    private const int WriteParallelism = 8;

    /// <summary>The row as stored, with its ETag; null when there is none.</summary>
    public async Task<ViewRow?> ReadAsync(string viewTable, int generation, ViewKey key, Type viewType, CancellationToken cancellationToken)
    {
        var views = await tables.GetAsync(viewTable, generation);
        var entity = await views.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken);
        return entity.HasValue ? FromEntity(entity.Value!, viewType) : null;
    }

    /// <summary>Every row of one partition.</summary>
    public async IAsyncEnumerable<ViewRow> ReadPartitionAsync(
        string viewTable, int generation, string partitionKey, Type viewType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var views = await tables.GetAsync(viewTable, generation);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var entity in views.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity, viewType);
        }
    }

    /// <summary>The checkpoint of every row of the table (views not read).</summary>
    public async Task<Dictionary<ViewKey, long>> ReadVersionsAsync(string viewTable, int generation, CancellationToken cancellationToken)
    {
        var views = await tables.GetAsync(viewTable, generation);
        var versions = new Dictionary<ViewKey, long>();
        await foreach (var entity in views.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", ViewColumns.Version], cancellationToken: cancellationToken))
        {
            versions[new ViewKey(entity.PartitionKey, entity.RowKey)] = entity.GetInt64(ViewColumns.Version) ?? 0;
        }

        return versions;
    }

    /// <summary>Writes the row If-Match its ETag, or inserts it when it has none; returns it with its new ETag.</summary>
    /// <exception cref="RequestFailedException">409 (inserted meanwhile), 412 (changed meanwhile) or 404 (deleted meanwhile).</exception>
    public async Task<ViewRow> WriteAsync(string viewTable, int generation, ViewRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var views = await tables.GetAsync(viewTable, generation);
        var entity = ToEntity(row);
        var response = row.ETag == default
            ? await views.AddEntityAsync(entity, cancellationToken)
            : await views.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken);
        return row with { ETag = response.Headers.ETag ?? default };
    }

    /// <summary>Upserts the rows blindly (the rebuild's), in entity group transactions: up to 100 rows of one partition each.</summary>
    public async Task UpsertAllAsync(string viewTable, int generation, IEnumerable<ViewRow> rows, CancellationToken cancellationToken)
    {
        var views = await tables.GetAsync(viewTable, generation);
        var batches = rows
            .Select(ToEntity)
            .GroupBy(r => r.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(MaxBatch))
            .ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = WriteParallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
            await views.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct));
    }

    public TableEntity ToEntity(ViewRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new TableEntity(row.Key.PartitionKey, row.Key.RowKey)
        {
            [ViewColumns.View] = JsonSerializer.Serialize(row.View, row.View.GetType(), ReadSideJsonContext.Default),
            [ViewColumns.Version] = row.Version,
            [ViewColumns.LastEventAt] = row.LastEventAt,
            [ViewColumns.UpdatedAt] = time.GetUtcNow(),
        };
    }

    public static ViewRow FromEntity(TableEntity entity, Type viewType)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(viewType);
        var view = JsonSerializer.Deserialize(entity.GetString(ViewColumns.View) ?? "null", viewType, ReadSideJsonContext.Default)
            ?? throw new JsonException($"View row {entity.PartitionKey}/{entity.RowKey} holds no {viewType.Name}.");
        return new ViewRow(
            new ViewKey(entity.PartitionKey, entity.RowKey),
            view,
            entity.GetInt64(ViewColumns.Version) ?? 0,
            entity.GetDateTimeOffset(ViewColumns.LastEventAt) ?? default,
            entity.ETag);
    }
}
