using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.Domain;
using SagaFunctions.Projections.Tests.Hosting;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.ReadSide;

namespace SagaFunctions.Projections.Tests.ReadSide;

/// <summary>
/// A projection pass writes over the rows the stream's previous pass left, without reading them,
/// and a notification of a stream's first append assumes there are none yet. Both are guesses the
/// ETags check: these tests make them wrong, as another process would.
/// </summary>
[Collection(ReadSideHostDefinition.Name)]
public sealed class RememberedProgressTests(ReadSideHost host)
{
    private const string WrittenBy = "WrittenBy";

    [Fact]
    public async Task A_view_row_another_process_moved_on_is_not_overwritten_by_a_remembered_pass()
    {
        var scenario = new Scenario(host.Aggregates);
        await scenario.RegisterCustomerAsync();
        await scenario.AddProductAsync();
        var orderId = await scenario.PlaceOrderAsync(quantity: 1, unitPrice: 12.5m);
        await host.Http.EventuallyGetAsync($"api/orders/{orderId}", o => o.GetProperty("status").GetString() == "PENDING", "the first pass writes (and remembers) the row");

        // Another process projects the approval first (as the row shows: version 2), before this process's pass.
        var views = await OrderViewsAsync();
        var key = OrderViewProjection.KeyOfOrder(orderId);
        var row = (await views.GetEntityAsync<TableEntity>(key.PartitionKey, key.RowKey)).Value;
        row[OrderViewProjection.Status] = "APPROVED";
        row[ViewColumns.Version] = 2L;
        row[WrittenBy] = "another process";
        await views.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        await host.Aggregates.Orders.ExecuteAsync(StreamNames.Order(orderId), s => s.Approve(), $"{orderId}:approve");
        await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}/orders", h => h.EnumerateArray().Any(o => o.GetProperty("orderId").GetString() == orderId && o.GetProperty("status").GetString() == "APPROVED"),
            "this process's pass ran: it re-read the row and finished the derived history row");

        var after = (await views.GetEntityAsync<TableEntity>(key.PartitionKey, key.RowKey)).Value;
        Assert.Equal("another process", after.GetString(WrittenBy));
        Assert.Equal(2L, ViewColumns.VersionOf(after));
    }

    [Fact]
    public async Task A_first_append_notification_for_a_stream_already_projected_changes_nothing()
    {
        var scenario = new Scenario(host.Aggregates);
        await scenario.RegisterCustomerAsync();
        await scenario.AddProductAsync();
        var orderId = await scenario.PlaceApprovedOrderAsync(quantity: 2);
        await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}/orders", h => h.EnumerateArray().Any(o => o.GetProperty("status").GetString() == "APPROVED"), "the order and its history are projected");
        var views = await OrderViewsAsync();
        var key = OrderViewProjection.KeyOfOrder(orderId);
        var view = (await views.GetEntityAsync<TableEntity>(key.PartitionKey, key.RowKey)).Value;
        var history = (await views.GetEntityAsync<TableEntity>(OrderViewProjection.HistoryPartition(scenario.CustomerId), orderId)).Value;

        // A process that remembers nothing gets the (duplicate) notification of the stream's first append.
        var otherProcess = ActivatorUtilities.CreateInstance<StreamProjector>(host.Host.Services);
        var stores = host.Get<EventStores>();
        await otherProcess.ProjectNotifiedAsync(new AppendNotification(stores.Ordering.TableName, StreamNames.Order(orderId), 1, MarkerToken: null, FirstVersion: 1), CancellationToken.None);

        var viewAfter = (await views.GetEntityAsync<TableEntity>(key.PartitionKey, key.RowKey)).Value;
        var historyAfter = (await views.GetEntityAsync<TableEntity>(history.PartitionKey, history.RowKey)).Value;
        Assert.Equal(view.ETag, viewAfter.ETag);
        Assert.Equal("APPROVED", viewAfter.GetString(OrderViewProjection.Status));
        Assert.Equal(history.ETag, historyAfter.ETag);
    }

    private async Task<TableClient> OrderViewsAsync()
    {
        var pointer = await host.Get<ReadModelGenerations>().GetAsync();
        return await host.Get<ViewTables>().GetAsync(ContextTables.OrderViews, pointer.Current);
    }
}
