using SagaFunctions.App.Saga;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Domain.Serialization;
using SagaFunctions.EventStore;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;

namespace SagaFunctions.App.Payments;

/// <summary>
/// The Payments context's commands, for both saga styles: capture an order's payment, or give up on
/// it. The payment stream decides between the two (first one recorded wins); both return the
/// payment as recorded afterwards, so the caller follows the stream's decision, not its own view.
/// </summary>
public sealed class PaymentService(IAggregateRepository<PaymentState> payments, IPaymentGateway gateway, IFaultInjector faults, SagaMetrics metrics)
{
    /// <summary>A payment's stream stays short (a handful of events): no snapshots.</summary>
    public static AggregateDefinition<PaymentState> Aggregate { get; } =
        new("payment", PaymentState.Empty, (s, e) => s.Apply(e), DomainJsonContext.Default.PaymentState, SnapshotInterval: 0);

    /// <summary>
    /// Asks the gateway once and records its answer. A payment already decided is returned as it is,
    /// without asking the gateway; a gateway that does not answer records nothing (the payment stays
    /// undecided). An answer that finds the payment abandoned meanwhile is refused: a capture is
    /// refunded at once (<see cref="PaymentRefunded"/>). The fault seam sees the capture step of
    /// both styles here: before anything is done, and after an outcome is recorded.
    /// </summary>
    public async Task<PaymentState> CaptureAsync(OrderSagaInput order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        using var run = metrics.StartStep(SagaStep.CapturePayment, order.OrderId);
        await faults.BeforeAsync(SagaStep.CapturePayment, order.OrderId);
        var streamId = StreamNames.Payment(order.OrderId);
        // One point read of the stream head: most payments are new, and a decided one must not be charged again.
        var isNew = await payments.GetVersionAsync(streamId, cancellationToken) == 0;
        if (!isNew && (await payments.LoadAsync(streamId, cancellationToken)).State is { IsDecided: true } decided)
        {
            await RefundAgainIfOwedAsync(decided, cancellationToken);
            run.End(decided.ToStepResult(SagaStep.CapturePayment));
            return decided;
        }

        var response = await gateway.ChargeAsync(order.OrderId, order.Total, order.PaymentToken, cancellationToken);
        CommandResult Record(PaymentState payment) => payment.RecordAnswer(order.OrderId, order.Total, order.PaymentToken, response);
        var eventId = SagaStep.EventIdFor(order.OrderId, SagaStep.CapturePayment);
        var recorded = isNew
            ? await payments.ExecuteOnNewStreamAsync(streamId, Record, eventId, cancellationToken)
            : await payments.ExecuteAsync(streamId, Record, eventId, cancellationToken);
        if (recorded.Result.Events.Any(e => e is PaymentRefunded))
        {
            await gateway.RefundAsync(order.OrderId, order.Total, cancellationToken);
        }

        if (recorded.State.State.IsDecided)
        {
            await faults.AfterAsync(SagaStep.CapturePayment, order.OrderId);
            run.End(recorded.State.State.ToStepResult(SagaStep.CapturePayment));
        }
        else
        {
            run.End("no answer");
        }

        return recorded.State.State;
    }

    /// <summary>
    /// Gives up on the order's payment with <paramref name="reason"/> unless it is already decided.
    /// The payment afterwards says who won: Abandoned (with the first reason recorded), or Captured /
    /// Declined when the gateway's answer got there first. Decided on a new stream without reading
    /// it (a saga gives up mostly before any answer was recorded); an existing one makes the append
    /// conflict and the decision is taken again on what it holds.
    /// </summary>
    public async Task<CommandOutcome<PaymentState>> AbandonAsync(string orderId, string reason, CancellationToken cancellationToken)
    {
        using var run = metrics.StartStep(SagaStep.AbandonPayment, orderId);
        var outcome = await payments.ExecuteOnNewStreamAsync(
            StreamNames.Payment(orderId),
            payment => payment.Abandon(orderId, reason),
            SagaStep.EventIdFor(orderId, SagaStep.AbandonPayment),
            cancellationToken);
        // Neither answer is an error: the stream kept the first decision, and the saga follows it.
        run.End(outcome.State.State.Outcome == PaymentOutcome.Abandoned ? "abandoned" : "decided first");
        return outcome;
    }

    /// <summary>The payment stream's events (the choreography republishes the recorded outcome from them).</summary>
    public IAsyncEnumerable<RecordedEvent> ReadAsync(string orderId, CancellationToken cancellationToken) =>
        payments.ReadAsync(StreamNames.Payment(orderId), cancellationToken);

    // The refund is recorded before it is sent; should the send fail, the next capture attempt of the
    // order (a retry, a redelivery) sends it again: the gateway gives a refund once per order.
    private Task RefundAgainIfOwedAsync(PaymentState payment, CancellationToken cancellationToken) =>
        payment.Refunded > 0 ? gateway.RefundAsync(payment.OrderId, payment.Refunded, cancellationToken) : Task.CompletedTask;
}
