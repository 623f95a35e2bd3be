using System.Text.Json;
using SagaFunctions.App.Choreography;
using SagaFunctions.App.Customers;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Payments;
using SagaFunctions.App.Platform.Shortcuts;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Serialization;

namespace SagaFunctions.App.Tests.Choreography;

public sealed class ChoreographyRouterTests
{
    /// <summary>The real table; its reactions are never called here, so the handlers need no dependencies.</summary>
    private static readonly IReadOnlyDictionary<string, Route> Routes = ChoreographyRoutes.Of(
        new CustomersChoreography(null!, null!, null!), new InventoryChoreography(null!, null!, null!), new PaymentsChoreography(null!, null!), new OrderingChoreography(null!, null!, null!));

    /// <summary>Facts no context reacts to: registrations, and the effects the next step does not wait for.</summary>
    private static readonly string[] Ignored =
    [
        CustomerRegistered.TypeName, ProductAdded.TypeName, CreditReleased.TypeName, StockReserved.TypeName, StockReleased.TypeName,
        PaymentRefunded.TypeName, OrderApproved.TypeName, OrderRejected.TypeName, OrderCancelled.TypeName, OrderCompensationFailed.TypeName,
        OrderCompensationResolved.TypeName,
    ];

    [Theory]
    [InlineData(OrderPlaced.TypeName, "Customers")]
    [InlineData(CreditReserved.TypeName, "Inventory")]
    [InlineData(ChoreographyEventTypes.OrderStockReserved, "Payments")]
    [InlineData(PaymentCaptured.TypeName, "Ordering")]
    [InlineData(ChoreographyEventTypes.CreditReservationFailed, "Payments")]
    [InlineData(ChoreographyEventTypes.StockReservationFailed, "Payments")]
    [InlineData(PaymentDeclined.TypeName, "Inventory")]
    [InlineData(PaymentAbandoned.TypeName, "Inventory")]
    [InlineData(ChoreographyEventTypes.StockCompensated, "Customers")]
    [InlineData(ChoreographyEventTypes.CreditCompensated, "Ordering")]
    public void Each_step_of_the_chain_is_taken_by_the_context_the_saga_needs_next(string type, string context)
    {
        Assert.Equal(context, Routes[type].Context);
    }

    [Fact]
    public void Every_event_an_order_can_publish_is_either_routed_or_deliberately_ignored()
    {
        string[] choreographyEvents =
        [
            ChoreographyEventTypes.CreditReservationFailed, ChoreographyEventTypes.OrderStockReserved, ChoreographyEventTypes.StockReservationFailed,
            ChoreographyEventTypes.StockCompensated, ChoreographyEventTypes.CreditCompensated,
        ];

        Assert.All(DomainEventTypes.All.Select(t => t.Name).Concat(choreographyEvents), type =>
            Assert.True(Routes.ContainsKey(type) ^ Ignored.Contains(type), $"{type} is routed and ignored, or neither"));
    }

    [Fact]
    public async Task An_event_no_context_reacts_to_goes_nowhere()
    {
        var reacted = 0;
        var router = new ChoreographyRouter(new Dictionary<string, Route> { ["a"] = new("A", (_, _) => { reacted++; return Task.CompletedTask; }) }, InProcessShortcuts.On);

        Assert.Null(await router.RouteAsync(Event("b", "order-1"), CancellationToken.None));
        Assert.Equal("A", await router.RouteAsync(Event("a", "order-1"), CancellationToken.None));
        Assert.Equal(1, reacted);
    }

    [Fact]
    public async Task The_reactions_of_one_order_take_turns_and_other_orders_do_not_wait()
    {
        var first = new TaskCompletionSource();
        var running = new List<string>();
        var router = new ChoreographyRouter(
            new Dictionary<string, Route>
            {
                ["hold"] = new("A", async (e, _) => { lock (running) { running.Add(e.MessageId); } await first.Task; }),
                ["go"] = new("B", (e, _) => { lock (running) { running.Add(e.MessageId); } return Task.CompletedTask; }),
            },
            InProcessShortcuts.On);

        var held = router.RouteAsync(Event("hold", "order-1", "held"), CancellationToken.None);
        var sameOrder = router.RouteAsync(Event("go", "order-1", "same order"), CancellationToken.None);
        await router.RouteAsync(Event("go", "order-2", "other order"), CancellationToken.None);

        Assert.Equal(["held", "other order"], running);
        Assert.False(sameOrder.IsCompleted);
        first.SetResult();
        await Task.WhenAll(held, sameOrder);
        Assert.Equal(["held", "other order", "same order"], running);
    }

    private static IntegrationEvent Event(string type, string orderId, string? id = null) =>
        new(id ?? type, type, "order-" + orderId, 1, orderId, DateTimeOffset.UnixEpoch, JsonDocument.Parse("{}").RootElement);
}
