using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Saga;

namespace SagaFunctions.App.Ordering;

/// <summary>
/// The Ordering context's steps: the order's final status, each a local transaction on its stream.
/// Each follows the payment decision it is given (an approval needs a capture, the others its
/// absence) and answers the order's status afterwards: a final status is first-wins on the stream.
/// </summary>
public sealed class OrderingActivities(Aggregates aggregates, IFaultInjector faults)
{
    [Function(SagaStep.ApproveOrder)]
    public async Task<StepResult> ApproveOrder([ActivityTrigger] OrderSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        settlement.Payment.Require(captured: true, SagaStep.ApproveOrder);
        await faults.BeforeAsync(SagaStep.ApproveOrder, settlement.OrderId);
        var result = await SettleAsync(settlement.OrderId, SagaStep.ApproveOrder, order => order.Approve());
        await faults.AfterAsync(SagaStep.ApproveOrder, settlement.OrderId);
        return result;
    }

    /// <summary>Rejects with the reason the payment was given up for (or PAYMENT_DECLINED).</summary>
    [Function(SagaStep.RejectOrder)]
    public Task<StepResult> RejectOrder([ActivityTrigger] OrderSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        settlement.Payment.Require(captured: false, SagaStep.RejectOrder);
        return SettleAsync(settlement.OrderId, SagaStep.RejectOrder, order => order.Reject(settlement.Payment.Reason!));
    }

    [Function(SagaStep.CancelOrder)]
    public Task<StepResult> CancelOrder([ActivityTrigger] OrderSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        settlement.Payment.Require(captured: false, SagaStep.CancelOrder);
        return SettleAsync(settlement.OrderId, SagaStep.CancelOrder, order => order.Cancel());
    }

    [Function(SagaStep.MarkCompensationFailed)]
    public Task<StepResult> MarkCompensationFailed([ActivityTrigger] OrderSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        settlement.Payment.Require(captured: false, SagaStep.MarkCompensationFailed);
        return SettleAsync(
            settlement.OrderId,
            SagaStep.MarkCompensationFailed,
            order => order.MarkCompensationFailed(settlement.FailedStep ?? "unknown", settlement.Detail ?? string.Empty));
    }

    private async Task<StepResult> SettleAsync(string orderId, string step, Func<OrderState, CommandResult> decide)
    {
        var outcome = await aggregates.Orders.ExecuteAsync(StreamNames.Order(orderId), decide, _ => SagaStep.EventIdFor(orderId, step));
        return outcome.Result.ToStepResult(step) with { OrderStatus = outcome.State.State.Status };
    }
}
