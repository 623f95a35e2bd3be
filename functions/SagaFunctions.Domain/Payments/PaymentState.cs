using SagaFunctions.Domain.Saga;

namespace SagaFunctions.Domain.Payments;

/// <summary>
/// The payment aggregate (stream <c>payment-{orderId}</c>): one capture attempt per order, whose
/// outcome is final and decides the saga's pivot. The gateway's answer (captured or declined) and the
/// saga giving up on the payment (abandoned, with a reason) are three outcomes of one decision: of a
/// capture and an abandonment racing on the stream exactly one is recorded, and every later command
/// sees it. A capture that the gateway reports after the abandonment is given back (refunded).
/// </summary>
public sealed record PaymentState
{
    public static PaymentState Empty { get; } = new();

    public string OrderId { get; init; } = string.Empty;

    public decimal Amount { get; init; }

    public string Token { get; init; } = string.Empty;

    /// <summary>Captured, Declined or Abandoned; <c>null</c> while undecided.</summary>
    public PaymentOutcome? Outcome { get; init; }

    public string? DeclineReason { get; init; }

    /// <summary>For an abandoned payment: why the saga gave up (TIMEOUT, CANCELLED, or a reservation step's reason).</summary>
    public string? AbandonReason { get; init; }

    /// <summary>What a late capture took and was given back (an abandoned payment the gateway captured anyway).</summary>
    public decimal Refunded { get; init; }

    public static PaymentState Fold(IEnumerable<object> events) => Empty.ApplyAll(events);

    public PaymentState ApplyAll(IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Aggregate(this, (state, e) => state.Apply(e));
    }

    /// <summary>Pure fold of one event.</summary>
    public PaymentState Apply(object @event) => @event switch
    {
        PaymentCaptured e => this with
        {
            OrderId = e.OrderId,
            Amount = e.Amount,
            Token = e.Token,
            Outcome = PaymentOutcome.Captured,
            DeclineReason = null,
        },
        PaymentDeclined e => this with
        {
            OrderId = e.OrderId,
            Amount = e.Amount,
            Token = e.Token,
            Outcome = PaymentOutcome.Declined,
            DeclineReason = e.Reason,
        },
        PaymentAbandoned e => this with
        {
            OrderId = e.OrderId,
            Outcome = PaymentOutcome.Abandoned,
            AbandonReason = e.Reason,
        },
        PaymentRefunded e => this with { Refunded = Refunded + e.Amount },
        null => throw new ArgumentNullException(nameof(@event)),
        _ => throw new ArgumentException($"{@event.GetType()} is not a Payments event.", nameof(@event)),
    };

    /// <summary>True once the pivot is decided: the gateway need not (and must not) be asked again.</summary>
    public bool IsDecided => Outcome is not null;

    /// <summary>
    /// Records the gateway's answer to a charge of <paramref name="amount"/>. Undecided: a capture or a
    /// decline is recorded; no answer records nothing. Already abandoned and the gateway captured anyway
    /// (it answered late): the capture is refused and the money given back (<see cref="PaymentRefunded"/>),
    /// once. Already decided otherwise: nothing changes; the first outcome stands.
    /// </summary>
    public CommandResult RecordAnswer(string orderId, decimal amount, string token, GatewayResponse response)
    {
        Guard.OrderId(orderId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(response);
        RequireSameOrder(orderId, "record a gateway answer for");

        return (Outcome, response.Outcome) switch
        {
            (null, PaymentOutcome.Captured) => CommandResult.Success(new PaymentCaptured(orderId, amount, token)),
            (null, PaymentOutcome.Declined) => CommandResult.Success(
                new PaymentDeclined(orderId, amount, token, response.DeclineReason ?? SimulatedPaymentGateway.CardDeclined)),
            (PaymentOutcome.Abandoned, PaymentOutcome.Captured) when Refunded == 0 => CommandResult.Success(new PaymentRefunded(orderId, amount)),
            _ => CommandResult.NoChange,
        };
    }

    /// <summary>
    /// Gives up on the payment with <paramref name="reason"/> unless it is decided: later captures are
    /// refused. Already abandoned is a no-op (the first reason stays); a payment already captured or
    /// declined fails <see cref="DomainErrors.PaymentAlreadyAnswered"/>: the saga then follows what was
    /// recorded (a capture goes forward to the approval).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is not a rejection reason, or is PAYMENT_DECLINED (the gateway's to give).</exception>
    public CommandResult Abandon(string orderId, string reason)
    {
        Guard.OrderId(orderId);
        if (!FailureReasons.IsRejectionReason(reason) || reason == FailureReasons.PaymentDeclined)
        {
            throw new ArgumentException($"'{reason}' is not a reason to give up on a payment.", nameof(reason));
        }

        RequireSameOrder(orderId, "abandon");
        return Outcome switch
        {
            null => CommandResult.Success(new PaymentAbandoned(orderId, reason)),
            PaymentOutcome.Abandoned => CommandResult.NoChange,
            _ => CommandResult.Fail(DomainErrors.PaymentAlreadyAnswered, $"The payment of order '{orderId}' was already {Outcome}."),
        };
    }

    /// <summary>The recorded decision of the pivot.</summary>
    /// <exception cref="InvalidOperationException">Nothing is decided yet.</exception>
    public PaymentDecision Decision() => Outcome switch
    {
        PaymentOutcome.Captured => PaymentDecision.Capture,
        PaymentOutcome.Declined => PaymentDecision.NotCaptured(FailureReasons.PaymentDeclined),
        PaymentOutcome.Abandoned => PaymentDecision.NotCaptured(AbandonReason ?? FailureReasons.Timeout),
        _ => throw new InvalidOperationException($"The payment of order '{OrderId}' is not decided yet."),
    };

    /// <summary>The decision as the answer of pivot step <paramref name="step"/>: success when captured.</summary>
    public StepResult ToStepResult(string step)
    {
        var decision = Decision();
        return decision.Captured
            ? StepResult.Success(step, "captured")
            : StepResult.Failure(step, decision.Reason!, Outcome is PaymentOutcome.Declined ? DeclineReason : $"The payment was given up ({decision.Reason}).");
    }

    private void RequireSameOrder(string orderId, string what)
    {
        if (OrderId.Length > 0 && OrderId != orderId)
        {
            throw new InvalidOperationException($"Payment stream of order '{OrderId}' asked to {what} order '{orderId}'.");
        }
    }
}
