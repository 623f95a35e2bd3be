using System.Text.Json;
using Azure.Data.Tables;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.EventStore;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Ordering;

/// <summary>
/// The order view (OrderViews, partition <c>order-{bucket}</c>, row = order id) and, derived from
/// it, the customer's order history (OrderViews, partition <c>history-{customerId}</c>, row = order id):
/// Ordering owns both, so both live in its own views table.
/// </summary>
public sealed class OrderViewProjection : IViewProjection
{
    public const string OrderId = "OrderId";
    public const string CustomerId = "CustomerId";
    public const string Status = "Status";
    public const string RejectionReason = "RejectionReason";
    public const string Total = "Total";
    public const string Items = "Items";
    public const string PlacedAt = "PlacedAt";

    public string Name => "orders";

    public string EventTable => ContextTables.OrderEvents;

    public string ViewTable => ContextTables.OrderViews;

    public static ViewKey KeyOfOrder(string orderId) => new(ViewPartitions.For("order", orderId), orderId);

    public static string HistoryPartition(string customerId) => "history-" + customerId;

    public bool IsFedBy(string streamId) => streamId.StartsWith(StreamNames.OrderPrefix, StringComparison.Ordinal);

    public ViewKey KeyOf(string streamId) => KeyOfOrder(streamId[StreamNames.OrderPrefix.Length..]);

    public void Apply(TableEntity row, RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(recorded);
        // Mirrors OrderState.Apply: the view shows what the aggregate holds.
        switch (recorded.Data)
        {
            case OrderPlaced e:
                row[OrderId] = e.OrderId;
                row[CustomerId] = e.CustomerId;
                row[Status] = OrderStatus.Pending;
                ViewColumns.SetDecimal(row, Total, e.Total);
                row[Items] = JsonSerializer.Serialize(e.Items.ToArray(), ReadSideJsonContext.Default.OrderLineArray);
                row[PlacedAt] = e.PlacedAt;
                break;
            case OrderApproved:
                row[Status] = OrderStatus.Approved;
                break;
            case OrderRejected e:
                row[Status] = OrderStatus.Rejected;
                row[RejectionReason] = e.Reason;
                break;
            case OrderCancelled:
                row[Status] = OrderStatus.Cancelled;
                row[RejectionReason] = FailureReasons.Cancelled;
                break;
            case OrderCompensationFailed:
                row[Status] = OrderStatus.CompensationFailed;
                break;
        }
    }

    public IEnumerable<TableEntity> Derive(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var customerId = row.GetString(CustomerId);
        if (string.IsNullOrEmpty(customerId))
        {
            yield break;
        }

        yield return new TableEntity(HistoryPartition(customerId), row.RowKey)
        {
            [Status] = row.GetString(Status),
            [Total] = row.GetString(Total),
            [RejectionReason] = row.GetString(RejectionReason),
            [PlacedAt] = row.GetDateTimeOffset(PlacedAt),
            [ViewColumns.Version] = ViewColumns.VersionOf(row),
            [ViewColumns.LastEventAt] = row.GetDateTimeOffset(ViewColumns.LastEventAt),
            [ViewColumns.UpdatedAt] = row.GetDateTimeOffset(ViewColumns.UpdatedAt),
        };
    }

    public static IReadOnlyList<OrderLine> ItemsOf(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var json = row.GetString(Items);
        return string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, ReadSideJsonContext.Default.OrderLineArray) ?? [];
    }
}
