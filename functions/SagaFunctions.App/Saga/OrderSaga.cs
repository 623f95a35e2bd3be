using Microsoft.Azure.Functions.Worker;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
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

    /// <summary>
    /// Starts the order's saga unless it already exists: a retried POST (same Idempotency-Key, maybe on
    /// another instance) must not run a second saga. The start names every runtime status as a dedupe
    /// status, so the backend refuses an instance id that exists in any state (AlreadyExists), the same
    /// in Azure (the Durable extension honours a start's dedupe statuses) and locally (the local backend
    /// throws on them as the extension's does).
    /// </summary>
    public static async Task StartOnceAsync(DurableTaskClient durable, OrderState order, TimeSpan stepTimeout)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(order);
        var start = new OrderSagaStart(new OrderSagaInput(order.OrderId, order.CustomerId, order.Items, order.Total, order.PaymentToken), stepTimeout);
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(OrderSaga), start, new StartOrchestrationOptions(order.OrderId).WithDedupeStatuses(AnyStatus));
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // The saga of this order runs or ran already: the retry gets the same answer as the first POST.
        }
    }

    private static readonly OrchestrationRuntimeStatus[] AnyStatus = Enum.GetValues<OrchestrationRuntimeStatus>();
}
