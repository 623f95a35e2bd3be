using Microsoft.DurableTask.Client;
using SagaFunctions.App.Customers;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Payments;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Operations.Actions;

/// <summary>
/// The operator's repairs of one saga: end a stuck one, rerun a failed compensation. Both go through
/// the contexts' application services with the saga's own event ids and the pivot protocol, so they
/// are safe while the saga (or a branch of it the backend still runs) acts too, and safe to repeat:
/// the payment stream decides the pivot once, a release of an order happens once per order, and the
/// order's final status is first-wins.
/// </summary>
public sealed class SagaRepairs(
    OrderService orders,
    IAggregateRepository<PaymentState> paymentStreams,
    PaymentService payments,
    CustomerService customers,
    InventoryService inventory)
{
    public const string TerminateReason = "Ended by an operator: the payment is given up and what the order holds is released.";

    /// <summary>
    /// Ends a saga that is not final: gives up on the payment first (ENDED_BY_OPERATOR, unless the
    /// payment already has an outcome: a capture refuses the end, the saga goes forward and approves),
    /// then stops the orchestration, releases what the order holds (stock, then credit: the
    /// compensations' order) and settles the order with the payment's reason. Never a silent
    /// terminate: the releases follow it in the same call, and a call that fails part way is repeated.
    /// </summary>
    public async Task<OperatorAnswer> EndAsync(string orderId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var order = await orders.LoadAsync(orderId, cancellationToken);
        if (!order.IsPlaced)
        {
            return OperatorAnswer.NotFound($"No order '{orderId}'.");
        }

        if (order.IsFinal)
        {
            return OperatorAnswer.Refused($"Order '{orderId}' is {order.Status}: its saga has ended.", order.Status);
        }

        var payment = (await payments.AbandonAsync(orderId, FailureReasons.EndedByOperator, cancellationToken)).State.State;
        if (payment.Outcome == PaymentOutcome.Captured)
        {
            return OperatorAnswer.Refused($"The payment of order '{orderId}' was captured first: the saga goes forward to the approval and is not ended (a paid order is never compensated).", order.Status);
        }

        if (order.SagaStyle == SagaStyles.Orchestration && await durable.GetInstanceAsync(orderId, cancellationToken) is { IsCompleted: false })
        {
            await durable.TerminateInstanceAsync(orderId, TerminateReason, cancellationToken);
        }

        var decision = payment.Decision();
        try
        {
            var settled = await CompensateAndSettleAsync(order, decision, (o, d) => SettleAsync(o, d, cancellationToken), cancellationToken);
            return OperatorAnswer.Done($"Ended: payment given up ({decision.Reason}), stock and credit released.", settled.OrderStatus);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return StillFailing(orderId, e, order.Status);
        }
    }

    /// <summary>
    /// Reruns the compensations of a COMPENSATION_FAILED order (all of them, in the saga's order: those
    /// that had succeeded find nothing left and change nothing), then settles it with the payment's reason.
    /// A compensation that fails again leaves the order COMPENSATION_FAILED, to be retried later.
    /// </summary>
    public async Task<OperatorAnswer> RetryCompensationAsync(string orderId, CancellationToken cancellationToken)
    {
        var order = await orders.LoadAsync(orderId, cancellationToken);
        if (!order.IsPlaced)
        {
            return OperatorAnswer.NotFound($"No order '{orderId}'.");
        }

        if (order.Status != OrderStatus.CompensationFailed)
        {
            return OperatorAnswer.Refused($"Order '{orderId}' is {order.Status}, not {OrderStatus.CompensationFailed}: no compensation failed.", order.Status);
        }

        // A COMPENSATION_FAILED order's payment was given up or declined: that is why it compensated.
        var decision = (await paymentStreams.LoadAsync(StreamNames.Payment(orderId), cancellationToken)).State.Decision();
        try
        {
            var settled = await CompensateAndSettleAsync(order, decision, (o, d) => orders.ResolveCompensationAsync(o, d, cancellationToken), cancellationToken);
            return OperatorAnswer.Done($"Compensations rerun; the order is settled ({decision.Reason}).", settled.OrderStatus);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return StillFailing(orderId, e, OrderStatus.CompensationFailed);
        }
    }

    /// <summary>Every compensation of the step table, in its (reverse) order, then the settlement.</summary>
    private async Task<StepResult> CompensateAndSettleAsync(
        OrderState order, PaymentDecision decision, Func<string, PaymentDecision, Task<StepResult>> settle, CancellationToken cancellationToken)
    {
        var input = new OrderSagaInput(order.OrderId, order.CustomerId, order.Items, order.Total, order.PaymentToken);
        foreach (var compensation in Saga.OrderSagaSteps.Compensations)
        {
            await (compensation.Name switch
            {
                SagaStep.ReleaseStock => inventory.ReleaseStockAsync(input, decision, cancellationToken),
                SagaStep.ReleaseCredit => customers.ReleaseCreditAsync(input, decision, cancellationToken),
                var other => throw new InvalidOperationException($"No operator rerun for compensation {other}."),
            });
        }

        return await settle(order.OrderId, decision);
    }

    // The payment is given up and nothing was settled: the same call again picks up from there.
    private static OperatorAnswer StillFailing(string orderId, Exception e, string status) =>
        new(OperatorOutcome.StillFailing, $"A release of order '{orderId}' failed: {e.Message} Nothing is lost; try again.", status);

    private Task<StepResult> SettleAsync(string orderId, PaymentDecision decision, CancellationToken cancellationToken) =>
        decision.Reason == FailureReasons.Cancelled
            ? orders.CancelAsync(orderId, decision, cancellationToken)
            : orders.RejectAsync(orderId, decision, cancellationToken);
}
