using System.Text.Json;
using Microsoft.DurableTask;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Saga;

/// <summary>
/// One run of <see cref="OrderSaga"/> over its step table (<see cref="OrderSagaSteps"/>). The
/// reservations run in order, then the pivot; whatever the orchestrator sees on the way (a failure,
/// its step timer, a cancel) it gives up only through the payment stream, and it follows what the
/// stream decided: captured goes forward, not captured compensates and rejects. So no decision rests
/// on the order in which this branch saw its messages (the durable backend may run another branch's
/// activities too; see the README). Every step goes through <see cref="TryStepAsync"/> or
/// <see cref="StepAsync"/>, which record it on the timeline.
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
        var outcome = payment.Captured ? await GoForwardAsync(payment) : await CompensateAsync(payment);
        return outcome with { Steps = _timeline.Steps };
    }

    /// <summary>The reservations, then the pivot; a failure or a cancel on the way gives up on the payment.</summary>
    private async Task<PaymentDecision> UpToThePivotAsync()
    {
        foreach (var step in OrderSagaSteps.Reservations)
        {
            if (Cancel.IsCompleted)
            {
                return await GiveUpPaymentAsync(FailureReasons.Cancelled);
            }

            var reserved = await TryStepAsync(step);
            if (!reserved.Result.Succeeded)
            {
                return await GiveUpPaymentAsync(reserved.Result.FailureReason!);
            }
        }

        if (Cancel.IsCompleted)
        {
            return await GiveUpPaymentAsync(FailureReasons.Cancelled);
        }

        // The capture's own answer is the payment stream's decision; a timer or a cancel that comes
        // first gives up on the payment, which the stream refuses should the capture have landed first.
        var captured = await TryStepAsync(OrderSagaSteps.Pivot);
        return captured.Answered ? PaymentDecision.From(captured.Result) : await GiveUpPaymentAsync(captured.Result.FailureReason!);
    }

    /// <summary>Gives up on the payment with <paramref name="reason"/>, and answers what the payment stream decided.</summary>
    private async Task<PaymentDecision> GiveUpPaymentAsync(string reason)
    {
        // The saga gave up as it asked unless the payment was captured first: then the step "fails" and the saga goes forward.
        var decided = await StepAsync(OrderSagaSteps.GiveUpPivot, new PaymentAbandonment(_order.OrderId, reason), succeeded: decision => !decision.Succeeded);
        return PaymentDecision.From(decided);
    }

    private async Task<SagaOutcome> GoForwardAsync(PaymentDecision payment)
    {
        StepResult? last = null;
        foreach (var step in OrderSagaSteps.AfterCapture)
        {
            last = await StepAsync(step, new OrderSettlement(_order.OrderId, payment));
        }

        return new SagaOutcome(last?.OrderStatus ?? OrderStatus.Approved, null);
    }

    /// <summary>
    /// Every compensation in reverse step order, then the order's final status: REJECTED or CANCELLED
    /// with the payment's reason, or COMPENSATION_FAILED when a compensation kept failing (the others still run).
    /// </summary>
    private async Task<SagaOutcome> CompensateAsync(PaymentDecision payment)
    {
        string? failedStep = null;
        string? failure = null;
        foreach (var compensation in OrderSagaSteps.Compensations)
        {
            try
            {
                await StepAsync(compensation, new SagaCompensation(_order, payment));
            }
            catch (TaskFailedException e)
            {
                failedStep ??= compensation.Name;
                failure ??= e.FailureDetails.ErrorMessage;
            }
        }

        var (settle, settlement) = failedStep is not null
            ? (OrderSagaSteps.MarkCompensationFailed, new OrderSettlement(_order.OrderId, payment, failedStep, failure))
            : (payment.Reason == FailureReasons.Cancelled ? OrderSagaSteps.CancelOrder : OrderSagaSteps.RejectOrder, new OrderSettlement(_order.OrderId, payment));
        var settled = await StepAsync(settle, settlement);
        return new SagaOutcome(settled.OrderStatus ?? OrderStatus.Rejected, payment.Reason, failedStep);
    }

    /// <summary>
    /// A step before the pivot, raced against the cancel event and, for a step that waits outside, the
    /// step timer. What stops it is a failure with the reason: CANCELLED, or TIMEOUT for the timer and
    /// for retries that ran out. <see cref="StepAttempt.Answered"/> says the step itself answered.
    /// </summary>
    private async Task<StepAttempt> TryStepAsync(SagaStepDefinition step)
    {
        var answered = false;
        var result = await _timeline.RecordAsync(step.Name, step.Kind, async () =>
        {
            using var timerCancellation = new CancellationTokenSource();
            var activity = CallAsync(step, _order);
            var timer = step.RacesStepTimer ? context.CreateTimer(context.CurrentUtcDateTime.Add(start.StepTimeout), timerCancellation.Token) : null;
            var winner = await Task.WhenAny(timer is null ? [activity, Cancel] : [activity, timer, Cancel]);
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
                return StepResult.Failure(step.Name, FailureReasons.Timeout, $"No answer within {start.StepTimeout}.");
            }

            if (winner != activity)
            {
                return StepResult.Failure(step.Name, FailureReasons.Cancelled, $"Cancel asked during {step.Name}.");
            }

            try
            {
                var answer = await activity;
                answered = true;
                return answer;
            }
            catch (TaskFailedException e)
            {
                return StepResult.Failure(step.Name, FailureReasons.Timeout, $"{step.Name} kept failing: {e.FailureDetails.ErrorMessage}");
            }
        });
        return new StepAttempt(result, answered);
    }

    /// <summary>A step after the pivot: it only goes forward, so what its retries cannot fix is thrown.</summary>
    /// <param name="succeeded">How the timeline reads the answer, when not by its success.</param>
    private Task<StepResult> StepAsync(SagaStepDefinition step, object input, Func<StepResult, bool>? succeeded = null) =>
        _timeline.RecordAsync(step.Name, step.Kind, () => CallAsync(step, input), succeeded);

    /// <summary>
    /// Calls a step and checks that the answer is the step's. An episode whose history was never
    /// committed (its host died after sending its messages) leaves tasks of a branch this run did not
    /// take; their late answers carry task ids that this branch may have given to other tasks, and the
    /// backend hands them over as the other task's answer. Such an answer (another step's, or a timer's,
    /// which is no step result at all) is dropped and the step asked again: steps are idempotent.
    /// </summary>
    private async Task<StepResult> CallAsync(SagaStepDefinition step, object input)
    {
        for (var asked = 1; ; asked++)
        {
            StepResult? answer;
            try
            {
                answer = await context.CallActivityAsync<StepResult>(step.Name, input, SagaRetries.Options(context, step.Retry, _timeline.NoteFailedAttempt));
            }
            catch (JsonException) when (asked < MaxAsks)
            {
                answer = null;
            }

            if (answer?.Step == step.Name)
            {
                return answer;
            }

            if (asked == MaxAsks)
            {
                throw new InvalidOperationException($"{step.Name} was answered by another task {MaxAsks} times (last: {answer?.Step ?? "not a step result"}).");
            }
        }
    }

    /// <summary>What a step before the pivot came to, and whether the step itself answered (not a timer, a cancel or exhausted retries).</summary>
    private sealed record StepAttempt(StepResult Result, bool Answered);
}
