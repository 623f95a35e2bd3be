using Microsoft.DurableTask;
using SagaFunctions.App.Saga.Activities;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Saga;

/// <summary>One run of <see cref="OrderSaga"/>: its steps, its compensations and its timeline.</summary>
internal sealed class OrderSagaRun(TaskOrchestrationContext context, OrderSagaStart start)
{
    private readonly List<SagaStepRecord> _timeline = [];
    private readonly Stack<string> _compensations = new();
    private readonly OrderSagaInput _order = start.Order;
    private bool _pastPivot;
    private Task<CancelRequested>? _cancel;

    public async Task<SagaOutcome> RunAsync()
    {
        _cancel = context.WaitForExternalEvent<CancelRequested>(OrderSaga.CancelEvent);

        foreach (var step in new[] { SagaStep.ReserveCredit, SagaStep.ReserveStock })
        {
            if (_cancel.IsCompleted)
            {
                return await FailAsync(FailureReasons.Cancelled);
            }

            var result = await RunStepAsync(step, honourCancel: true);
            if (!result.Succeeded)
            {
                // A step that timed out or was cancelled may still land later: undo it too
                // (its release records "nothing reserved", which refuses a late reserve).
                if (result.FailureReason is FailureReasons.Timeout or FailureReasons.Cancelled)
                {
                    _compensations.Push(SagaStep.CompensationOf(step)!);
                }

                return await FailAsync(result.FailureReason!);
            }

            _compensations.Push(SagaStep.CompensationOf(step)!);
        }

        if (_cancel.IsCompleted)
        {
            return await FailAsync(FailureReasons.Cancelled);
        }

        _pastPivot = true;
        var payment = await RunStepAsync(SagaStep.CapturePayment, honourCancel: false);
        if (!payment.Succeeded)
        {
            return await FailAsync(payment.FailureReason!);
        }

        await RecordAsync(SagaStep.ApproveOrder, SagaProgress.StepKind, () =>
            context.CallActivityAsync<StepResult>(SagaStep.ApproveOrder, _order.OrderId, SagaRetryPolicies.Forward));
        return new SagaOutcome(OrderStatus.Approved, null);
    }

    /// <summary>
    /// Runs a step; a step that waits on the outside (<see cref="SagaStep.AwaitsOutside"/>) races its
    /// durable timer, and a step before the pivot races the cancel event.
    /// </summary>
    private async Task<StepResult> RunStepAsync(string step, bool honourCancel)
    {
        return await RecordAsync(step, SagaProgress.StepKind, async () =>
        {
            using var timerCancellation = new CancellationTokenSource();
            var activity = context.CallActivityAsync<StepResult>(step, _order, SagaRetryPolicies.Step);
            var racers = new List<Task> { activity };
            Task? timer = null;
            if (SagaStep.AwaitsOutside(step))
            {
                timer = context.CreateTimer(context.CurrentUtcDateTime.Add(start.StepTimeout), timerCancellation.Token);
                racers.Add(timer);
            }

            if (honourCancel)
            {
                racers.Add(_cancel!);
            }

            var winner = await Task.WhenAny(racers);
            if (timer is not null && winner != timer)
            {
                // Let the orchestration finish without waiting for a timer nobody needs. Cancel
                // synchronously: CancelAsync would resume the orchestrator off its own thread.
#pragma warning disable CA1849 // An orchestrator may only await durable tasks.
                timerCancellation.Cancel();
#pragma warning restore CA1849
            }

            if (winner == timer)
            {
                return StepResult.Failure(FailureReasons.Timeout, $"{step} did not answer within {start.StepTimeout}.");
            }

            if (winner != activity)
            {
                return StepResult.Failure(FailureReasons.Cancelled, "Cancelled before the payment.");
            }

            try
            {
                return await activity;
            }
            catch (TaskFailedException e)
            {
                // Transient failures outlasted the retries: the step did not answer in time.
                return StepResult.Failure(FailureReasons.Timeout, $"{step} kept failing: {e.FailureDetails.ErrorMessage}");
            }
        });
    }

    /// <summary>Compensates the completed steps in reverse order, then settles the order.</summary>
    private async Task<SagaOutcome> FailAsync(string reason)
    {
        CompensationFailure? failed = null;
        while (_compensations.TryPop(out var compensation))
        {
            try
            {
                await RecordAsync(compensation, SagaProgress.CompensationKind, () =>
                    context.CallActivityAsync<StepResult>(compensation, _order, SagaRetryPolicies.Compensation));
            }
            catch (TaskFailedException e)
            {
                // Keep compensating the other steps; the order is surfaced for an operator below.
                failed ??= new CompensationFailure(_order.OrderId, compensation, e.FailureDetails.ErrorMessage);
            }
        }

        if (failed is not null)
        {
            await RecordAsync(OrderingActivities.MarkCompensationFailedName, SagaProgress.StepKind, () =>
                context.CallActivityAsync<StepResult>(OrderingActivities.MarkCompensationFailedName, failed, SagaRetryPolicies.Forward));
            return new SagaOutcome(OrderStatus.CompensationFailed, reason, failed.FailedStep);
        }

        if (reason == FailureReasons.Cancelled)
        {
            await RecordAsync(OrderingActivities.CancelOrderName, SagaProgress.StepKind, () =>
                context.CallActivityAsync<StepResult>(OrderingActivities.CancelOrderName, _order.OrderId, SagaRetryPolicies.Forward));
            return new SagaOutcome(OrderStatus.Cancelled, reason);
        }

        await RecordAsync(OrderingActivities.RejectOrderName, SagaProgress.StepKind, () =>
            context.CallActivityAsync<StepResult>(OrderingActivities.RejectOrderName, new OrderRejection(_order.OrderId, reason), SagaRetryPolicies.Forward));
        return new SagaOutcome(OrderStatus.Rejected, reason);
    }

    /// <summary>Runs <paramref name="work"/> with its start and end on the timeline (the custom status).</summary>
    private async Task<StepResult> RecordAsync(string name, string kind, Func<Task<StepResult>> work)
    {
        var index = _timeline.Count;
        var startedAt = context.CurrentUtcDateTime;
        _timeline.Add(new SagaStepRecord(name, kind, SagaProgress.Running, startedAt, null, null));
        Publish(name);
        try
        {
            var result = await work();
            _timeline[index] = _timeline[index] with
            {
                Outcome = result.Succeeded ? SagaProgress.Succeeded : SagaProgress.Failed,
                EndedAt = context.CurrentUtcDateTime,
                Detail = result.Succeeded ? result.Detail : $"{result.FailureReason}: {result.Detail}",
            };
            return result;
        }
        catch (TaskFailedException e)
        {
            _timeline[index] = _timeline[index] with { Outcome = SagaProgress.Failed, EndedAt = context.CurrentUtcDateTime, Detail = e.FailureDetails.ErrorMessage };
            throw;
        }
        finally
        {
            Publish(name);
        }
    }

    private void Publish(string currentStep) =>
        context.SetCustomStatus(new SagaProgress(currentStep, _pastPivot, [.. _timeline]));
}
