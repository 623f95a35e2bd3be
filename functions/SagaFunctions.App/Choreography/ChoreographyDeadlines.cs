using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Choreography;

/// <summary>One due deadline: the order, and the row's partition (the minute the order was placed).</summary>
public sealed record DueDeadline(string OrderId, DateTimeOffset PlacedAt);

/// <summary>
/// When each PENDING choreographed order is next looked at by the deadline sweep (table
/// <c>ChoreographyDeadlines</c>, row = order id, column <c>DueAt</c>). There is no orchestrator holding
/// a timer, so this table is the choreography's timer: a row is written when the order is placed and
/// removed once the order is final. Rows are partitioned by the minute the order was placed
/// (<c>p{yyyyMMddHHmm}</c>): writes spread over partitions as time goes on, whoever settles an order
/// knows its row's partition from the order itself, and the sweep reads the partitions up to now with
/// one range query that returns the due rows only.
/// </summary>
public sealed class ChoreographyDeadlines(SagaStorage storage)
{
    public const string TableName = "ChoreographyDeadlines";
    private const string DueAt = nameof(DueAt);
    private const string PlacedAt = nameof(PlacedAt);

    private readonly TableClient _table = storage.Table(TableName);
    private readonly Lazy<Task> _created = new(() => storage.Table(TableName).CreateIfNotExistsAsync());

    /// <summary>The partition of an order placed at <paramref name="placedAt"/>.</summary>
    public static string PartitionOf(DateTimeOffset placedAt) =>
        "p" + placedAt.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>Adds the order's first deadline; a retried placement keeps the first one.</summary>
    public async Task ScheduleAsync(string orderId, DateTimeOffset placedAt, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await _created.Value;
        try
        {
            await _table.AddEntityAsync(Row(orderId, placedAt, dueAt), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already scheduled by an earlier attempt of the same placement.
        }
    }

    /// <summary>Sets the order's next deadline.</summary>
    public async Task MoveAsync(DueDeadline deadline, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        await _created.Value;
        await _table.UpsertEntityAsync(Row(deadline.OrderId, deadline.PlacedAt, dueAt), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Forgets the order (it is final, or was never placed).</summary>
    public async Task RemoveAsync(DueDeadline deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        await _created.Value;
        try
        {
            await _table.DeleteEntityAsync(PartitionOf(deadline.PlacedAt), deadline.OrderId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already removed.
        }
    }

    /// <summary>The orders whose deadline is at or before <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<DueDeadline>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _created.Value;
        var due = new List<DueDeadline>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"p"} and PartitionKey le {PartitionOf(now)} and DueAt le {now}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            due.Add(new DueDeadline(row.RowKey, row.GetDateTimeOffset(PlacedAt) ?? now));
        }

        return due;
    }

    private static TableEntity Row(string orderId, DateTimeOffset placedAt, DateTimeOffset dueAt) =>
        new(PartitionOf(placedAt), orderId) { [DueAt] = dueAt, [PlacedAt] = placedAt };
}
