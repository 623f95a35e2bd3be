using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Saga.Activities;

/// <summary>The Payments context's step: the pivot. Once it captures, the saga only goes forward.</summary>
public sealed class PaymentActivities(Aggregates aggregates, IFaultInjector faults, SagaSettings settings)
{
    [Function(SagaStep.CapturePayment)]
    public async Task<StepResult> CapturePayment([ActivityTrigger] OrderSagaInput order, CancellationToken cancellationToken)
    {
        var capture = await RecordCaptureAsync(order, cancellationToken);
        if (capture.Outcome is PaymentOutcome.NoAnswer)
        {
            // The simulated gateway hangs (tok_timeout): the saga's durable timer fails the step
            // with TIMEOUT long before this returns. Nothing was captured.
            await Task.Delay(settings.StepTimeout * 2, cancellationToken);
            return StepResult.Failure(FailureReasons.Timeout, "The payment gateway did not answer.");
        }

        return capture.ToStepResult();
    }

    /// <summary>
    /// Asks the gateway once and records its answer on the payment stream; a gateway that does not
    /// answer records nothing (<see cref="PaymentOutcome.NoAnswer"/>), and an abandoned payment is
    /// not asked again (<see cref="PaymentOutcome.Abandoned"/>). Shared with the choreography, which
    /// must not hang a queue message on a silent gateway: its deadline sweep times the order out.
    /// </summary>
    public async Task<PaymentCaptureResult> RecordCaptureAsync(OrderSagaInput order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await faults.BeforeAsync(SagaStep.CapturePayment, order.OrderId);
        PaymentCaptureResult? capture = null;
        await aggregates.Payments.ExecuteOnNewStreamAsync(
            StreamNames.Payment(order.OrderId),
            payment =>
            {
                capture = payment.Capture(order.OrderId, order.Total, order.PaymentToken);
                return capture.Events.Count == 0 ? CommandResult.NoChange : CommandResult.Success([.. capture.Events]);
            },
            _ => SagaStep.EventIdFor(order.OrderId, SagaStep.CapturePayment),
            cancellationToken: cancellationToken);

        if (capture!.Outcome is not PaymentOutcome.NoAnswer)
        {
            await faults.AfterAsync(SagaStep.CapturePayment, order.OrderId);
        }

        return capture;
    }
}
