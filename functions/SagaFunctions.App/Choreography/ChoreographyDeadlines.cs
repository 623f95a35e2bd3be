using Azure;
using Azure.Data.Tables;
using SagaFunctions.App.Infrastructure;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// When each PENDING choreographed order is next looked at by the deadline sweep (table
/// <c>ChoreographyDeadlines</c>, one partition, row = order id, column <c>DueAt</c>). There is no
/// orchestrator holding a timer, so this table is the choreography's timer: a row is written when
/// the order is placed and removed once the order is final.
/// </summary>
public sealed class ChoreographyDeadlines(SagaStorage storage)
{
    public const string TableName = "ChoreographyDeadlines";
    private const string Partition = "pending";
    private const string DueAt = nameof(DueAt);

    private readonly TableClient _table = storage.Table(TableName);
    private readonly Lazy<Task> _created = new(() => storage.Table(TableName).CreateIfNotExistsAsync());

    /// <summary>Adds the order's first deadline; a retried placement keeps the first one.</summary>
    public async Task ScheduleAsync(string orderId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await _created.Value;
        try
        {
            await _table.AddEntityAsync(new TableEntity(Partition, orderId) { [DueAt] = dueAt }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already scheduled by an earlier attempt of the same placement.
        }
    }

    /// <summary>Sets the order's next deadline.</summary>
    public async Task MoveAsync(string orderId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _table.UpsertEntityAsync(new TableEntity(Partition, orderId) { [DueAt] = dueAt }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Forgets the order (it is final, or was never placed).</summary>
    public async Task RemoveAsync(string orderId, CancellationToken cancellationToken)
    {
        await _created.Value;
        try
        {
            await _table.DeleteEntityAsync(Partition, orderId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already removed.
        }
    }

    /// <summary>The ids of the orders whose deadline is at or before <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _created.Value;
        var due = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and DueAt le {now}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            due.Add(row.RowKey);
        }

        return due;
    }
}
