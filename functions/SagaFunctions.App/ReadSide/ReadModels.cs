using Azure.Data.Tables;
using SagaFunctions.App.Customers;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// Reads the read models of the current generation (one pointer read, then point reads or one
/// partition query). Never folds a stream.
/// </summary>
public sealed class ReadModels(ReadModelGenerations generations, ViewTables viewTables)
{
    public async Task<OrderResponse?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(ContextTables.OrderViews, OrderViewProjection.KeyOfOrder(orderId), cancellationToken);
        return row is null ? null : new OrderResponse(
            row.GetString(OrderViewProjection.OrderId) ?? orderId,
            row.GetString(OrderViewProjection.CustomerId) ?? "",
            row.GetString(OrderViewProjection.Status) ?? "",
            row.GetString(OrderViewProjection.RejectionReason),
            ViewColumns.GetDecimal(row, OrderViewProjection.Total),
            OrderViewProjection.ItemsOf(row).Select(i => new OrderItemResponse(i.Sku, i.Quantity, i.UnitPrice)).ToList(),
            ViewColumns.VersionOf(row));
    }

    /// <summary>The customer's orders, oldest first; null when the customer has no view (unknown).</summary>
    public async Task<IReadOnlyList<CustomerOrderResponse>> GetCustomerOrdersAsync(string customerId, CancellationToken cancellationToken)
    {
        var views = await CurrentAsync(ContextTables.OrderViews, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {OrderViewProjection.HistoryPartition(customerId)}");
        var orders = new List<(DateTimeOffset PlacedAt, CustomerOrderResponse Order)>();
        await foreach (var row in views.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            orders.Add((row.GetDateTimeOffset(OrderViewProjection.PlacedAt) ?? default, new CustomerOrderResponse(
                row.RowKey,
                row.GetString(OrderViewProjection.Status) ?? "",
                ViewColumns.GetDecimal(row, OrderViewProjection.Total),
                row.GetString(OrderViewProjection.RejectionReason))));
        }

        return orders.OrderBy(o => o.PlacedAt).ThenBy(o => o.Order.OrderId, StringComparer.Ordinal).Select(o => o.Order).ToList();
    }

    public async Task<CustomerResponse?> GetCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(ContextTables.CustomerViews, CustomerViewProjection.KeyOfCustomer(customerId), cancellationToken);
        return row is null ? null : new CustomerResponse(
            row.GetString(CustomerViewProjection.CustomerId) ?? customerId,
            row.GetString(CustomerViewProjection.CustomerName) ?? "",
            ViewColumns.GetDecimal(row, CustomerViewProjection.CreditLimit),
            ViewColumns.GetDecimal(row, CustomerViewProjection.AvailableCredit));
    }

    public async Task<ProductResponse?> GetProductAsync(string sku, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(ContextTables.InventoryViews, ProductViewProjection.KeyOfProduct(sku), cancellationToken);
        return row is null ? null : new ProductResponse(
            row.GetString(ProductViewProjection.Sku) ?? sku,
            row.GetString(ProductViewProjection.ProductName) ?? "",
            ViewColumns.GetDecimal(row, ProductViewProjection.UnitPrice),
            row.GetInt32(ProductViewProjection.Available) ?? 0);
    }

    private async Task<TableClient> CurrentAsync(string viewTable, CancellationToken cancellationToken) =>
        await viewTables.GetAsync(viewTable, (await generations.GetCachedAsync(cancellationToken)).Current);

    private async Task<TableEntity?> ReadAsync(string viewTable, ViewKey key, CancellationToken cancellationToken)
    {
        var views = await CurrentAsync(viewTable, cancellationToken);
        var row = await views.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }
}
