using SagaFunctions.Domain;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Ordering;

/// <summary>
/// The order view's rows: OrderViews, one per order stream (partition <c>order-{bucket}</c>, row =
/// order id), and, derived from each, its customer's order-history entry (partition
/// <c>history-{customerId}</c>, row = order id): Ordering owns both, so both live in its own views table.
/// </summary>
public static class OrderViewProjection
{
    public static ViewProjection<OrderView> Projection { get; } = new()
    {
        Name = "orders",
        EventTable = ContextTables.OrderEvents,
        ViewTable = ContextTables.OrderViews,
        StreamPrefix = StreamNames.OrderPrefix,
        Create = OrderView.Create,
        Apply = (view, next) => view.Apply(next),
        Derived = view => [(new ViewKey(HistoryPartition(view.CustomerId), view.OrderId), view.HistoryEntry())],
    };

    public static string HistoryPartition(string customerId) => "history-" + customerId;
}
