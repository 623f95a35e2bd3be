using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Payments;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Saga;

namespace SagaFunctions.App.Payments;

/// <summary>
/// The Payments context's steps: the pivot. Both answer what the payment stream recorded (captured,
/// declined, or given up with a reason), never the caller's own guess, so every branch of the
/// orchestration follows the same decision.
/// </summary>
public sealed class PaymentActivities(PaymentService payments, IFaultInjector faults, SagaSettings settings)
{
    /// <summary>
    /// Captures the payment, or answers the decision already recorded. A gateway that does not answer
    /// is waited for as a client of a hanging gateway would (twice the step timeout), then the payment
    /// is given up with TIMEOUT here too: long before, the saga's own timer has done the same, and the
    /// stream keeps whichever came first.
    /// </summary>
    [Function(SagaStep.CapturePayment)]
    public async Task<StepResult> CapturePayment([ActivityTrigger] OrderSagaInput order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var payment = await payments.CaptureAsync(order, cancellationToken);
        if (!payment.IsDecided)
        {
            await Task.Delay(settings.StepTimeout * 2, cancellationToken);
            payment = (await payments.AbandonAsync(order.OrderId, FailureReasons.Timeout, cancellationToken)).State.State;
        }

        return payment.ToStepResult(SagaStep.CapturePayment);
    }

    /// <summary>
    /// Gives up on the payment with the saga's reason unless it is decided, and answers the decision:
    /// success when the payment was captured first (the saga then goes forward and approves).
    /// </summary>
    [Function(SagaStep.AbandonPayment)]
    public async Task<StepResult> AbandonPayment([ActivityTrigger] PaymentAbandonment abandonment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(abandonment);
        await faults.BeforeAsync(SagaStep.AbandonPayment, abandonment.OrderId);
        var payment = (await payments.AbandonAsync(abandonment.OrderId, abandonment.Reason, cancellationToken)).State.State;
        await faults.AfterAsync(SagaStep.AbandonPayment, abandonment.OrderId);
        return payment.ToStepResult(SagaStep.AbandonPayment);
    }
}
