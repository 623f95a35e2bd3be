using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Saga.Activities;

/// <summary>The Ordering context's steps: the order's final status, each a local transaction on its stream.</summary>
public sealed class OrderingActivities(Aggregates aggregates, IFaultInjector faults)
{
    public const string RejectOrderName = "RejectOrder";
    public const string CancelOrderName = "CancelOrder";
    public const string MarkCompensationFailedName = "MarkCompensationFailed";

    [Function(SagaStep.ApproveOrder)]
    public async Task<StepResult> ApproveOrder([ActivityTrigger] string orderId)
    {
        await faults.BeforeAsync(SagaStep.ApproveOrder, orderId);
        var result = await ExecuteAsync(orderId, SagaStep.ApproveOrder, order => order.Approve());
        await faults.AfterAsync(SagaStep.ApproveOrder, orderId);
        return result;
    }

    [Function(RejectOrderName)]
    public Task<StepResult> RejectOrder([ActivityTrigger] OrderRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return ExecuteAsync(rejection.OrderId, RejectOrderName, order => order.Reject(rejection.Reason));
    }

    [Function(CancelOrderName)]
    public Task<StepResult> CancelOrder([ActivityTrigger] string orderId) =>
        ExecuteAsync(orderId, CancelOrderName, order => order.Cancel());

    [Function(MarkCompensationFailedName)]
    public Task<StepResult> MarkCompensationFailed([ActivityTrigger] CompensationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return ExecuteAsync(failure.OrderId, MarkCompensationFailedName, order => order.MarkCompensationFailed(failure.FailedStep, failure.Detail));
    }

    private async Task<StepResult> ExecuteAsync(string orderId, string step, Func<Domain.Ordering.OrderState, CommandResult> decide)
    {
        var outcome = await aggregates.Orders.ExecuteAsync(StreamNames.Order(orderId), decide, _ => SagaStep.EventIdFor(orderId, step));
        return outcome.Result.Succeeded
            ? StepResult.Success()
            : StepResult.Failure(outcome.Result.Failure!.Reason, outcome.Result.Failure.Detail);
    }
}
