using System.Diagnostics;
using SagaFunctions.App.Choreography;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Payments;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Domain.Serialization;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Ordering;

/// <summary>What a cancel request got: accepted, or refused with why.</summary>
public sealed record CancelAnswer(OrderState Order, bool Accepted, string Detail);

/// <summary>
/// The Ordering context's commands, for its HTTP functions and both saga styles: place an order, ask
/// to cancel it, and settle it (approve, reject, cancel, mark COMPENSATION_FAILED). A settlement
/// follows the payment decision it is given (an approval needs a capture, the others its absence)
/// and answers the order's status afterwards: a final status is first-wins on the order's stream.
/// </summary>
public sealed class OrderService(
    IAggregateRepository<OrderState> orders,
    PriceList prices,
    PaymentService payments,
    ChoreographyDeadlines deadlines,
    SagaSettings settings,
    IFaultInjector faults,
    SagaMetrics metrics)
{
    /// <summary>An order's stream stays short (a handful of events): no snapshots.</summary>
    public static AggregateDefinition<OrderState> Aggregate { get; } =
        new("order", OrderState.Empty, (s, e) => s.Apply(e), DomainJsonContext.Default.OrderState, SnapshotInterval: 0);

    public async Task<OrderState> LoadAsync(string orderId, CancellationToken cancellationToken) =>
        (await orders.LoadAsync(StreamNames.Order(orderId), cancellationToken)).State;

    /// <summary>
    /// Places a PENDING order priced by Inventory's price list (a SKU it does not know has no price: the
    /// saga rejects the order with UNKNOWN_PRODUCT). A choreographed order gets its deadline first, so
    /// none is ever without its timer; a placement that fails after that leaves a row the deadline
    /// sweep removes. Decided on a new stream: a retry with the same id finds its first order.
    /// </summary>
    public async Task<CommandOutcome<OrderState>> PlaceAsync(
        string orderId, string customerId, IReadOnlyList<(string Sku, int Quantity)> items, string paymentToken, string style, DateTimeOffset placedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        Activity.Current?.SetTag(SagaTelemetry.OrderId, orderId).SetTag(SagaTelemetry.Style, style);
        if (style == SagaStyles.Choreography)
        {
            await deadlines.ScheduleAsync(orderId, placedAt, placedAt + settings.StepTimeout, cancellationToken);
        }

        var unitPrices = await prices.UnitPricesAsync(items.Select(i => i.Sku));
        var lines = items.Select(i => new OrderLine(i.Sku, i.Quantity, unitPrices.GetValueOrDefault(i.Sku))).ToList();
        var placed = await orders.ExecuteOnNewStreamAsync(
            StreamNames.Order(orderId), order => order.Place(orderId, customerId, lines, paymentToken, style, placedAt), $"{orderId}:Place", cancellationToken);
        if (placed.Appended)
        {
            metrics.SagaStarted(style);
        }

        return placed;
    }

    /// <summary>
    /// Cancel, the same in both saga styles: honoured while the payment is not decided, and the payment
    /// stream says what that means. The cancel gives up on the payment with CANCELLED; it is accepted when
    /// that abandonment is the one recorded (the saga then compensates everything and the order ends
    /// CANCELLED, whatever its orchestrator or handlers are doing), refused when the payment was captured
    /// or declined first, or the saga already gave up for another reason, or the order is final.
    /// </summary>
    /// <returns>The answer, or null when no such order was placed.</returns>
    public async Task<CancelAnswer?> RequestCancellationAsync(string orderId, CancellationToken cancellationToken)
    {
        using var span = SagaTelemetry.StartInOrderTrace("cancel order", await PlacementTraceParentAsync(orderId, cancellationToken));
        span?.SetTag(SagaTelemetry.OrderId, orderId);
        var order = await LoadAsync(orderId, cancellationToken);
        if (!order.IsPlaced)
        {
            return null;
        }

        if (order.IsFinal)
        {
            return new CancelAnswer(order, false, $"Order '{orderId}' is {order.Status}; it can no longer be cancelled.");
        }

        var payment = (await payments.AbandonAsync(orderId, FailureReasons.Cancelled, cancellationToken)).State.State;
        return payment switch
        {
            { Outcome: PaymentOutcome.Abandoned, AbandonReason: FailureReasons.Cancelled } => new CancelAnswer(order, true, "Cancelled before the payment."),
            { Outcome: PaymentOutcome.Abandoned } => new CancelAnswer(order, false, $"Order '{orderId}' is being rejected ({payment.AbandonReason}); it can no longer be cancelled."),
            _ => new CancelAnswer(order, false, $"Order '{orderId}' is past the payment ({payment.Outcome}); it can no longer be cancelled."),
        };
    }

    public async Task<StepResult> ApproveAsync(string orderId, PaymentDecision payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        payment.Require(captured: true, SagaStep.ApproveOrder);
        await faults.BeforeAsync(SagaStep.ApproveOrder, orderId);
        var result = await SettleAsync(orderId, SagaStep.ApproveOrder, order => order.Approve(), cancellationToken);
        await faults.AfterAsync(SagaStep.ApproveOrder, orderId);
        return result;
    }

    /// <summary>Rejects with the reason the payment was given up for (or PAYMENT_DECLINED).</summary>
    public Task<StepResult> RejectAsync(string orderId, PaymentDecision payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        payment.Require(captured: false, SagaStep.RejectOrder);
        return SettleAsync(orderId, SagaStep.RejectOrder, order => order.Reject(payment.Reason!), cancellationToken);
    }

    public Task<StepResult> CancelAsync(string orderId, PaymentDecision payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        payment.Require(captured: false, SagaStep.CancelOrder);
        return SettleAsync(orderId, SagaStep.CancelOrder, order => order.Cancel(), cancellationToken);
    }

    /// <summary>A compensation kept failing: the order waits for an operator, with the step and what went wrong.</summary>
    public Task<StepResult> MarkCompensationFailedAsync(string orderId, PaymentDecision payment, string failedStep, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        payment.Require(captured: false, SagaStep.MarkCompensationFailed);
        return SettleAsync(orderId, SagaStep.MarkCompensationFailed, order => order.MarkCompensationFailed(failedStep, detail), cancellationToken);
    }

    /// <summary>The trace the order was placed in (recorded with its first event), when anything traces.</summary>
    private async Task<string?> PlacementTraceParentAsync(string orderId, CancellationToken cancellationToken)
    {
        if (!SagaTelemetry.Source.HasListeners())
        {
            return null;
        }

        await foreach (var first in orders.ReadAsync(StreamNames.Order(orderId), cancellationToken))
        {
            return first.CorrelationId;
        }

        return null;
    }

    /// <summary>
    /// An operator reran a COMPENSATION_FAILED order's compensations and they succeeded: the order ends
    /// REJECTED (or CANCELLED) with the payment's reason, once (its own event id).
    /// </summary>
    public Task<StepResult> ResolveCompensationAsync(string orderId, PaymentDecision payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        payment.Require(captured: false, ResolveCompensationStep);
        return SettleAsync(orderId, ResolveCompensationStep, order => order.ResolveCompensation(payment.Reason!), cancellationToken);
    }

    /// <summary>The operator's settlement of a failed compensation (no saga step: its event id's name).</summary>
    public const string ResolveCompensationStep = "ResolveCompensation";

    private async Task<StepResult> SettleAsync(string orderId, string step, Func<OrderState, CommandResult> decide, CancellationToken cancellationToken)
    {
        using var run = metrics.StartStep(step, orderId);
        var outcome = await orders.ExecuteAsync(StreamNames.Order(orderId), decide, SagaStep.EventIdFor(orderId, step), cancellationToken);
        var order = outcome.State.State;
        if (outcome.Appended && order.IsFinal && step != ResolveCompensationStep)
        {
            // Counted by the append that made the order final: a retried or a losing settlement appends nothing
            // (an operator's resolution of a COMPENSATION_FAILED order ends a saga already counted).
            metrics.SagaCompleted(order.SagaStyle, order.Status, order.RejectionReason);
        }

        return run.End(outcome.Result.ToStepResult(step) with { OrderStatus = order.Status });
    }
}
