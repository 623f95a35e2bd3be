using SagaFunctions.Testing;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.ReadSide.SpeedUps;
using SagaFunctions.Domain;
using SagaFunctions.App.Tests.Hosting;

namespace SagaFunctions.App.Tests.ReadSide.SpeedUps;

/// <summary>
/// A projection pass writes over the rows the stream's previous pass left, without reading them,
/// and a notification of a stream's first append assumes there are none yet. Both are guesses the
/// ETags check: these tests make them wrong, as another process would.
/// </summary>
[Collection(ReadSideHostDefinition.Name)]
public sealed class RememberedProgressTests(ReadSideHost host)
{
    [Fact]
    public async Task A_view_row_another_process_moved_on_is_not_overwritten_by_a_remembered_pass()
    {
        var scenario = new Scenario(host.Aggregates);
        await scenario.RegisterCustomerAsync();
        await scenario.AddProductAsync();
        var orderId = await scenario.PlaceOrderAsync(quantity: 1, unitPrice: 12.5m);
        await host.Http.EventuallyGetAsync($"api/orders/{orderId}", o => o.GetProperty("status").GetString() == "PENDING", "the first pass writes (and remembers) the row");

        // Another process projects the approval first (as the row shows: version 2), before this process's pass.
        var (views, generation) = (host.Get<ViewStore>(), await CurrentGenerationAsync());
        var key = OrderViewProjection.Projection.KeyOf(StreamNames.Order(orderId));
        var row = (await views.ReadAsync(ContextTables.OrderViews, generation, key, typeof(OrderView), CancellationToken.None))!;
        var moved = await views.WriteAsync(ContextTables.OrderViews, generation, row with { View = (OrderView)row.View with { Status = "APPROVED" }, Version = 2 }, CancellationToken.None);

        await host.Aggregates.Orders.ExecuteAsync(StreamNames.Order(orderId), s => s.Approve(), $"{orderId}:approve");
        await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}/orders", h => h.EnumerateArray().Any(o => o.GetProperty("orderId").GetString() == orderId && o.GetProperty("status").GetString() == "APPROVED"),
            "this process's pass ran: it re-read the row and finished the derived history row");

        var after = (await views.ReadAsync(ContextTables.OrderViews, generation, key, typeof(OrderView), CancellationToken.None))!;
        Assert.Equal(moved.ETag, after.ETag);
        Assert.Equal(2L, after.Version);
    }

    [Fact]
    public async Task A_first_append_notification_for_a_stream_already_projected_changes_nothing()
    {
        var scenario = new Scenario(host.Aggregates);
        await scenario.RegisterCustomerAsync();
        await scenario.AddProductAsync();
        var orderId = await scenario.PlaceApprovedOrderAsync(quantity: 2);
        await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}/orders", h => h.EnumerateArray().Any(o => o.GetProperty("status").GetString() == "APPROVED"), "the order and its history are projected");
        var (views, generation) = (host.Get<ViewStore>(), await CurrentGenerationAsync());
        var key = OrderViewProjection.Projection.KeyOf(StreamNames.Order(orderId));
        var historyKey = new ViewKey(OrderViewProjection.HistoryPartition(scenario.CustomerId), orderId);
        var view = (await views.ReadAsync(ContextTables.OrderViews, generation, key, typeof(OrderView), CancellationToken.None))!;
        var history = (await views.ReadAsync(ContextTables.OrderViews, generation, historyKey, typeof(OrderHistoryEntry), CancellationToken.None))!;

        // A process that remembers nothing gets the (duplicate) notification of the stream's first append.
        var otherProcess = ActivatorUtilities.CreateInstance<ShortcutProjector>(host.Host.Services);
        var stores = host.Get<EventStores>();
        await otherProcess.ProjectNotifiedAsync(new AppendNotification(stores.Ordering.TableName, StreamNames.Order(orderId), 1, MarkerToken: null, FirstVersion: 1), CancellationToken.None);

        var viewAfter = (await views.ReadAsync(ContextTables.OrderViews, generation, key, typeof(OrderView), CancellationToken.None))!;
        var historyAfter = (await views.ReadAsync(ContextTables.OrderViews, generation, historyKey, typeof(OrderHistoryEntry), CancellationToken.None))!;
        Assert.Equal(view.ETag, viewAfter.ETag);
        Assert.Equal("APPROVED", ((OrderView)viewAfter.View).Status);
        Assert.Equal(history.ETag, historyAfter.ETag);
    }

    private async Task<int> CurrentGenerationAsync() => (await host.Get<ReadModelGenerations>().GetAsync()).Current;
}
