using System.Text.Json;
using Microsoft.DurableTask;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Saga;

/// <summary>
/// One run of <see cref="OrderSaga"/>. The reservations run in order, then the pivot; whatever the
/// orchestrator sees on the way (a failure, its step timer, a cancel) it gives up only through the
/// payment stream, and it follows what the stream decided: captured goes forward to the approval,
/// not captured compensates and rejects. So no decision rests on the order in which this branch saw
/// its messages (the durable backend may run another branch's activities too; see the README).
/// </summary>
internal sealed class OrderSagaRun(TaskOrchestrationContext context, OrderSagaStart start)
{
    // How many times a step is asked when what comes back is another task's answer (see CallAsync).
    private const int MaxAsks = 3;

    private readonly SagaTimeline _timeline = new(context);
    private readonly OrderSagaInput _order = start.Order;
    private Task<CancelRequested>? _cancel;

    private Task<CancelRequested> Cancel => _cancel ?? throw new InvalidOperationException("The saga has not started.");

    public async Task<SagaOutcome> RunAsync()
    {
        _cancel = context.WaitForExternalEvent<CancelRequested>(OrderSaga.CancelEvent);
        var payment = await UpToThePivotAsync();
        _timeline.PassPivot();
        var outcome = payment.Captured ? await ApproveAsync(payment) : await CompensateAsync(payment);
        return outcome with { Steps = _timeline.Steps };
    }

    /// <summary>The reservations, then the pivot; a failure or a cancel on the way gives up on the payment.</summary>
    private async Task<PaymentDecision> UpToThePivotAsync()
    {
        foreach (var step in SagaStep.Reservations)
        {
            if (Cancel.IsCompleted)
            {
                return await AbandonPaymentAsync(FailureReasons.Cancelled);
            }

            var reserved = await ReserveAsync(step);
            if (!reserved.Succeeded)
            {
                return await AbandonPaymentAsync(reserved.FailureReason!);
            }
        }

        return Cancel.IsCompleted ? await AbandonPaymentAsync(FailureReasons.Cancelled) : await CapturePaymentAsync();
    }

    /// <summary>A reservation raced against the cancel event; retries that run out count as TIMEOUT.</summary>
    private Task<StepResult> ReserveAsync(string step) =>
        _timeline.RecordAsync(step, SagaProgress.StepKind, async () =>
        {
            var activity = CallAsync(step, _order, SagaRetryPolicies.Step);
            if (await Task.WhenAny(activity, Cancel) != activity)
            {
                return StepResult.Failure(step, FailureReasons.Cancelled, "Cancelled before the payment.");
            }

            try
            {
                return await activity;
            }
            catch (TaskFailedException e)
            {
                return StepResult.Failure(step, FailureReasons.Timeout, $"{step} kept failing: {e.FailureDetails.ErrorMessage}");
            }
        });

    /// <summary>
    /// The pivot, raced against the step timer (the gateway may never answer) and the cancel event.
    /// The capture's own answer is the payment stream's decision; a timer or a cancel that comes first
    /// gives up on the payment, which the stream may refuse because the capture landed first.
    /// </summary>
    private async Task<PaymentDecision> CapturePaymentAsync()
    {
        var answered = false;
        var result = await _timeline.RecordAsync(SagaStep.CapturePayment, SagaProgress.PivotKind, async () =>
        {
            using var timerCancellation = new CancellationTokenSource();
            var activity = CallAsync(SagaStep.CapturePayment, _order, SagaRetryPolicies.Step);
            var timer = context.CreateTimer(context.CurrentUtcDateTime.Add(start.StepTimeout), timerCancellation.Token);
            var winner = await Task.WhenAny(activity, timer, Cancel);
            if (winner != timer)
            {
                // Let the orchestration finish without waiting for a timer nobody needs. Cancel
                // synchronously: CancelAsync would resume the orchestrator off its own thread.
#pragma warning disable CA1849 // An orchestrator may only await durable tasks.
                timerCancellation.Cancel();
#pragma warning restore CA1849
            }

            if (winner == timer)
            {
                return StepResult.Failure(SagaStep.CapturePayment, FailureReasons.Timeout, $"No answer within {start.StepTimeout}.");
            }

            if (winner != activity)
            {
                return StepResult.Failure(SagaStep.CapturePayment, FailureReasons.Cancelled, "Cancel asked while the payment was pending.");
            }

            try
            {
                var decided = await activity;
                answered = true;
                return decided;
            }
            catch (TaskFailedException e)
            {
                return StepResult.Failure(SagaStep.CapturePayment, FailureReasons.Timeout, $"Kept failing: {e.FailureDetails.ErrorMessage}");
            }
        });

        return answered ? PaymentDecision.From(result) : await AbandonPaymentAsync(result.FailureReason!);
    }

    /// <summary>
    /// Gives up on the payment with <paramref name="reason"/>, and answers what the payment stream
    /// decided: the abandonment, or the capture or decline recorded before it.
    /// </summary>
    private async Task<PaymentDecision> AbandonPaymentAsync(string reason)
    {
        var result = await _timeline.RecordAsync(
            SagaStep.AbandonPayment,
            SagaProgress.PivotKind,
            () => CallAsync(SagaStep.AbandonPayment, new PaymentAbandonment(_order.OrderId, reason), SagaRetryPolicies.Forward),
            succeeded: decision => !decision.Succeeded); // the saga gave up as it asked, unless the payment was captured first
        return PaymentDecision.From(result);
    }

    private async Task<SagaOutcome> ApproveAsync(PaymentDecision payment)
    {
        var approved = await _timeline.RecordAsync(SagaStep.ApproveOrder, SagaProgress.StepKind, () =>
            CallAsync(SagaStep.ApproveOrder, new OrderSettlement(_order.OrderId, payment), SagaRetryPolicies.Forward));
        return new SagaOutcome(approved.OrderStatus ?? OrderStatus.Approved, null);
    }

    /// <summary>
    /// Every compensation in reverse step order (each releases what the order holds, or records that it
    /// holds nothing), then the order's final status: REJECTED or CANCELLED with the payment's reason, or
    /// COMPENSATION_FAILED when a compensation kept failing (the others still run).
    /// </summary>
    private async Task<SagaOutcome> CompensateAsync(PaymentDecision payment)
    {
        string? failedStep = null;
        string? failure = null;
        foreach (var compensation in SagaStep.Compensations)
        {
            try
            {
                await _timeline.RecordAsync(compensation, SagaProgress.CompensationKind, () =>
                    CallAsync(compensation, new SagaCompensation(_order, payment), SagaRetryPolicies.Compensation));
            }
            catch (TaskFailedException e)
            {
                failedStep ??= compensation;
                failure ??= e.FailureDetails.ErrorMessage;
            }
        }

        var (settle, settlement) = failedStep is not null
            ? (SagaStep.MarkCompensationFailed, new OrderSettlement(_order.OrderId, payment, failedStep, failure))
            : (payment.Reason == FailureReasons.Cancelled ? SagaStep.CancelOrder : SagaStep.RejectOrder, new OrderSettlement(_order.OrderId, payment));
        var settled = await _timeline.RecordAsync(settle, SagaProgress.StepKind, () => CallAsync(settle, settlement, SagaRetryPolicies.Forward));
        return new SagaOutcome(settled.OrderStatus ?? OrderStatus.Rejected, payment.Reason, failedStep);
    }

    /// <summary>
    /// Calls a step and checks that the answer is the step's. An episode whose history was never
    /// committed (its host died after sending its messages) leaves tasks of a branch this run did not
    /// take; their late answers carry task ids that this branch may have given to other tasks, and the
    /// backend hands them over as the other task's answer. Such an answer (another step's, or a timer's,
    /// which is no step result at all) is dropped and the step asked again: steps are idempotent.
    /// </summary>
    private async Task<StepResult> CallAsync(string step, object input, TaskOptions options)
    {
        for (var asked = 1; ; asked++)
        {
            StepResult? answer;
            try
            {
                answer = await context.CallActivityAsync<StepResult>(step, input, options);
            }
            catch (JsonException) when (asked < MaxAsks)
            {
                answer = null;
            }

            if (answer?.Step == step)
            {
                return answer;
            }

            if (asked == MaxAsks)
            {
                throw new InvalidOperationException($"{step} was answered by another task {MaxAsks} times (last: {answer?.Step ?? "not a step result"}).");
            }
        }
    }
}
