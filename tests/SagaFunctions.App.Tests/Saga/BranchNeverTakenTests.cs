using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Payments;
using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.App.Saga;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Customers;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Ordering;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Saga;

/// <summary>
/// The durable backend may run an activity on a branch the orchestration never takes, at any time.
/// Each step is run here out of turn, as such a branch would run it, against the real stores: none
/// can contradict what the streams decided.
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class BranchNeverTakenTests(AppHostFixture app)
{
    private readonly SagaDriver _driver = new(app);

    private AppStreams Aggregates => new AppStreams(app.Host.Services);

    private T Activities<T>() => ActivatorUtilities.CreateInstance<T>(app.Host.Services);

    [Fact]
    public async Task A_capture_after_the_payment_was_given_up_captures_nothing()
    {
        var order = await PendingOrderAsync(PaymentTokens.Visa);
        var payments = Activities<PaymentActivities>();
        await payments.AbandonPayment(new PaymentAbandonment(order.OrderId, FailureReasons.Timeout), CancellationToken.None);

        var late = await payments.CapturePayment(order, CancellationToken.None);

        Assert.Equal(StepResult.Failure(SagaStep.CapturePayment, FailureReasons.Timeout, "The payment was given up (TIMEOUT)."), late);
        Assert.Equal([PaymentAbandoned.TypeName], await EventTypesAsync(StreamNames.Payment(order.OrderId)));
    }

    [Fact]
    public async Task A_gateway_that_captures_after_the_payment_was_given_up_has_the_money_given_back_once()
    {
        var order = await PendingOrderAsync(PaymentTokens.Slow);
        var gateway = new HeldGateway();
        var payments = new PaymentService(Aggregates.Payments, gateway, new NoFaults(), app.Get<SagaMetrics>());

        var capture = payments.CaptureAsync(order, CancellationToken.None); // waiting on the gateway
        await gateway.Asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var abandoned = await payments.AbandonAsync(order.OrderId, FailureReasons.Timeout, CancellationToken.None);
        gateway.Answer.SetResult(GatewayResponse.Captured);
        var payment = await capture;

        Assert.Equal((PaymentOutcome.Abandoned, FailureReasons.Timeout), (abandoned.State.State.Outcome, abandoned.State.State.AbandonReason));
        Assert.Equal((PaymentOutcome.Abandoned, order.Total), (payment.Outcome, payment.Refunded));
        Assert.Equal([PaymentAbandoned.TypeName, PaymentRefunded.TypeName], await EventTypesAsync(StreamNames.Payment(order.OrderId)));
        Assert.Equal([(order.OrderId, order.Total)], gateway.Refunds);
        Assert.False((await payments.CaptureAsync(order, CancellationToken.None)).Decision().Captured);
    }

    [Fact]
    public async Task Giving_up_after_the_capture_changes_nothing_and_answers_captured_so_the_saga_goes_forward()
    {
        var order = await PendingOrderAsync(PaymentTokens.Visa);
        var payments = Activities<PaymentActivities>();
        Assert.True((await payments.CapturePayment(order, CancellationToken.None)).Succeeded);

        var abandon = await payments.AbandonPayment(new PaymentAbandonment(order.OrderId, FailureReasons.Cancelled), CancellationToken.None);

        Assert.True(abandon.Succeeded);
        Assert.Equal([PaymentCaptured.TypeName], await EventTypesAsync(StreamNames.Payment(order.OrderId)));
    }

    [Fact]
    public async Task A_reservation_that_comes_after_its_release_takes_nothing()
    {
        var order = await PendingOrderAsync(PaymentTokens.Visa);
        var compensation = new SagaCompensation(order, PaymentDecision.NotCaptured(FailureReasons.Timeout));
        await Activities<InventoryActivities>().ReleaseStock(compensation, CancellationToken.None);
        await Activities<CustomerActivities>().ReleaseCredit(compensation, CancellationToken.None);

        var credit = await Activities<CustomerActivities>().ReserveCredit(order, CancellationToken.None);
        var stock = await Activities<InventoryActivities>().ReserveStock(order, CancellationToken.None);

        Assert.True(credit.Succeeded && stock.Succeeded); // no-ops: the saga gave up on this order already
        Assert.Equal(100m, await _driver.AvailableCreditAsync(order.CustomerId));
        Assert.Equal(5, await _driver.AvailableStockAsync(order.Items[0].Sku));
    }

    [Fact]
    public async Task A_reservation_step_that_fails_part_way_leaves_its_reservations_to_the_compensation()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var plenty = await _driver.AddProductAsync(10m, 5);
        var scarce = await _driver.AddProductAsync(10m, 1);
        var order = await PendingOrderAsync(PaymentTokens.Visa, customer, [new OrderLine(plenty, 2, 10m), new OrderLine(scarce, 3, 10m)]);
        var inventory = Activities<InventoryActivities>();

        var failed = await inventory.ReserveStock(order, CancellationToken.None);
        var heldBeforeCompensation = await _driver.AvailableStockAsync(plenty);
        await inventory.ReleaseStock(new SagaCompensation(order, PaymentDecision.NotCaptured(FailureReasons.OutOfStock)), CancellationToken.None);

        Assert.Equal(FailureReasons.OutOfStock, failed.FailureReason);
        Assert.Equal(3, heldBeforeCompensation); // another run of the step, on another branch, may be counting on it
        Assert.Equal((5, 1), (await _driver.AvailableStockAsync(plenty), await _driver.AvailableStockAsync(scarce)));
    }

    [Fact]
    public async Task Compensations_and_settlements_refuse_to_act_against_the_payment_decision()
    {
        var order = await PendingOrderAsync(PaymentTokens.Visa);
        await Activities<CustomerActivities>().ReserveCredit(order, CancellationToken.None);
        var captured = new SagaCompensation(order, PaymentDecision.Capture);
        var notCaptured = new OrderSettlement(order.OrderId, PaymentDecision.NotCaptured(FailureReasons.Timeout));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Activities<CustomerActivities>().ReleaseCredit(captured, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Activities<InventoryActivities>().ReleaseStock(captured, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Activities<OrderingActivities>().ApproveOrder(notCaptured, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Activities<OrderingActivities>().RejectOrder(new OrderSettlement(order.OrderId, PaymentDecision.Capture), CancellationToken.None));

        Assert.Equal(90m, await _driver.AvailableCreditAsync(order.CustomerId));
        Assert.Equal(OrderStatus.Pending, (await Aggregates.Orders.LoadAsync(StreamNames.Order(order.OrderId))).State.Status);
    }

    [Fact]
    public async Task A_rejection_that_comes_after_the_approval_changes_nothing_and_reports_the_approval()
    {
        var order = await PendingOrderAsync(PaymentTokens.Visa);
        var ordering = Activities<OrderingActivities>();
        await ordering.ApproveOrder(new OrderSettlement(order.OrderId, PaymentDecision.Capture), CancellationToken.None);

        var rejected = await ordering.RejectOrder(new OrderSettlement(order.OrderId, PaymentDecision.NotCaptured(FailureReasons.Timeout)), CancellationToken.None);

        Assert.Equal((false, DomainErrors.OrderAlreadyFinal, OrderStatus.Approved), (rejected.Succeeded, rejected.FailureReason, rejected.OrderStatus));
        Assert.Equal(OrderStatus.Approved, (await Aggregates.Orders.LoadAsync(StreamNames.Order(order.OrderId))).State.Status);
    }

    /// <summary>A PENDING order with no saga running for it (placed on its stream only), for 1 unit at 10.</summary>
    private async Task<OrderSagaInput> PendingOrderAsync(string token, string? customerId = null, IReadOnlyList<OrderLine>? lines = null)
    {
        customerId ??= await _driver.RegisterCustomerAsync(100m);
        lines ??= [new OrderLine(await _driver.AddProductAsync(10m, 5), 1, 10m)];
        var orderId = Guid.NewGuid().ToString("N");
        var placed = await Aggregates.Orders.ExecuteOnNewStreamAsync(
            StreamNames.Order(orderId),
            order => order.Place(orderId, customerId, lines, token, "orchestration", DateTimeOffset.UtcNow),
            $"{orderId}:Place");
        var state = placed.State.State;
        return new OrderSagaInput(orderId, customerId, state.Items, state.Total, token);
    }

    private async Task<List<string>> EventTypesAsync(string streamId)
    {
        var types = new List<string>();
        await foreach (var recorded in Aggregates.Payments.ReadAsync(streamId))
        {
            types.Add(recorded.EventType);
        }

        return types;
    }

    /// <summary>A gateway that answers when the test says so, and notes the refunds it gives.</summary>
    private sealed class HeldGateway : IPaymentGateway
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<GatewayResponse> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<(string OrderId, decimal Amount)> Refunds { get; } = [];

        public Task<GatewayResponse> ChargeAsync(string orderId, decimal amount, string token, CancellationToken cancellationToken)
        {
            Asked.TrySetResult();
            return Answer.Task;
        }

        public Task RefundAsync(string orderId, decimal amount, CancellationToken cancellationToken)
        {
            Refunds.Add((orderId, amount));
            return Task.CompletedTask;
        }
    }
}
