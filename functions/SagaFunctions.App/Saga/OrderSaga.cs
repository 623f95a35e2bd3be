using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Saga;

/// <summary>
/// The order saga, orchestrated (instance id = order id). Steps in order: ReserveCredit and
/// ReserveStock (compensatable), CapturePayment (the pivot), ApproveOrder (retried until it
/// succeeds). A business failure, a payment that does not answer within the step timeout, or a
/// cancel while the payment is not decided gives up on the payment through the payment stream
/// (AbandonPayment); if the payment was captured first the saga goes forward and approves,
/// otherwise it runs every compensation in reverse step order and rejects (or cancels) the order
/// with the reason the stream recorded. A compensation that keeps failing marks the order
/// COMPENSATION_FAILED for an operator; it is never dropped.
/// </summary>
/// <remarks>
/// Deterministic, as every orchestrator must be: time from <c>context.CurrentUtcDateTime</c>,
/// no I/O, no configuration, no random; the DurableTask analyzers enforce it at build time.
/// </remarks>
public static class OrderSaga
{
    public const string CancelEvent = "Cancel";

    [Function(nameof(OrderSaga))]
    public static Task<SagaOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext context, OrderSagaStart start)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(start);
        return new OrderSagaRun(context, start).RunAsync();
    }
}
