using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Ordering;

/// <summary>The Ordering context's saga steps (orchestration): the order's final status.</summary>
public sealed class OrderingActivities(OrderService orders)
{
    [Function(SagaStep.ApproveOrder)]
    public Task<StepResult> ApproveOrder([ActivityTrigger] OrderSettlement settlement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        return orders.ApproveAsync(settlement.OrderId, settlement.Payment, cancellationToken);
    }

    [Function(SagaStep.RejectOrder)]
    public Task<StepResult> RejectOrder([ActivityTrigger] OrderSettlement settlement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        return orders.RejectAsync(settlement.OrderId, settlement.Payment, cancellationToken);
    }

    [Function(SagaStep.CancelOrder)]
    public Task<StepResult> CancelOrder([ActivityTrigger] OrderSettlement settlement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        return orders.CancelAsync(settlement.OrderId, settlement.Payment, cancellationToken);
    }

    [Function(SagaStep.MarkCompensationFailed)]
    public Task<StepResult> MarkCompensationFailed([ActivityTrigger] OrderSettlement settlement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        return orders.MarkCompensationFailedAsync(
            settlement.OrderId, settlement.Payment, settlement.FailedStep ?? "unknown", settlement.Detail ?? string.Empty, cancellationToken);
    }
}
