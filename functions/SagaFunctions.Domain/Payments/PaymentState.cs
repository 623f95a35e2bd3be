using SagaFunctions.Domain.Saga;

namespace SagaFunctions.Domain.Payments;

/// <summary>
/// The payment aggregate (stream <c>payment-{orderId}</c>): one capture attempt per order, whose
/// outcome is final. A second capture returns the first outcome without a new event. The saga may
/// abandon the attempt before the gateway answers (timeout, cancel); that is an outcome too, so of a
/// capture and an abandonment racing on the stream exactly one is recorded.
/// </summary>
public sealed record PaymentState
{
    public static PaymentState Empty { get; } = new();

    public string OrderId { get; init; } = string.Empty;

    public decimal Amount { get; init; }

    public string Token { get; init; } = string.Empty;

    /// <summary>Captured, Declined or Abandoned; <c>null</c> before any answer.</summary>
    public PaymentOutcome? Outcome { get; init; }

    public string? DeclineReason { get; init; }

    /// <summary>For an abandoned payment: why the saga gave up (TIMEOUT or CANCELLED).</summary>
    public string? AbandonReason { get; init; }

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
        null => throw new ArgumentNullException(nameof(@event)),
        _ => throw new ArgumentException($"{@event.GetType()} is not a Payments event.", nameof(@event)),
    };

    /// <summary>Captures with the <see cref="SimulatedPaymentGateway"/>.</summary>
    public PaymentCaptureResult Capture(string orderId, decimal amount, string token) =>
        Capture(orderId, amount, token, SimulatedPaymentGateway.Charge);

    /// <summary>
    /// Captures <paramref name="amount"/> through <paramref name="gateway"/> (a domain service passed in).
    /// Once an outcome is recorded it is returned again without asking the gateway and without events.
    /// A gateway that does not answer yields <see cref="PaymentOutcome.NoAnswer"/> and no event.
    /// </summary>
    public PaymentCaptureResult Capture(string orderId, decimal amount, string token, Func<string, GatewayResponse> gateway)
    {
        Guard.OrderId(orderId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(gateway);

        if (Outcome is { } outcome)
        {
            return OrderId == orderId
                ? new PaymentCaptureResult(outcome, DeclineReason, [], AbandonReason)
                : throw new InvalidOperationException($"Payment stream of order '{OrderId}' asked to capture order '{orderId}'.");
        }

        var response = gateway(token);
        return response.Outcome switch
        {
            PaymentOutcome.Captured => new PaymentCaptureResult(PaymentOutcome.Captured, null, [new PaymentCaptured(orderId, amount, token)]),
            PaymentOutcome.Declined => new PaymentCaptureResult(
                PaymentOutcome.Declined,
                response.DeclineReason ?? SimulatedPaymentGateway.CardDeclined,
                [new PaymentDeclined(orderId, amount, token, response.DeclineReason ?? SimulatedPaymentGateway.CardDeclined)]),
            PaymentOutcome.NoAnswer => new PaymentCaptureResult(PaymentOutcome.NoAnswer, null, []),
            _ => throw new InvalidOperationException($"Unknown gateway outcome {response.Outcome}."),
        };
    }

    /// <summary>
    /// Gives up on the payment before the gateway answered, with <paramref name="reason"/> (TIMEOUT or
    /// CANCELLED): later captures return <see cref="PaymentOutcome.Abandoned"/> without asking the
    /// gateway. Already abandoned is a no-op (the first reason stays); a payment already captured or
    /// declined fails <see cref="DomainErrors.PaymentAlreadyAnswered"/>: past the pivot there is no going back.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is neither TIMEOUT nor CANCELLED.</exception>
    public CommandResult Abandon(string orderId, string reason)
    {
        Guard.OrderId(orderId);
        if (reason is not (FailureReasons.Timeout or FailureReasons.Cancelled))
        {
            throw new ArgumentException($"A payment is abandoned on {FailureReasons.Timeout} or {FailureReasons.Cancelled}, not '{reason}'.", nameof(reason));
        }

        if (OrderId.Length > 0 && OrderId != orderId)
        {
            throw new InvalidOperationException($"Payment stream of order '{OrderId}' asked to abandon order '{orderId}'.");
        }

        return Outcome switch
        {
            null => CommandResult.Success(new PaymentAbandoned(orderId, reason)),
            PaymentOutcome.Abandoned => CommandResult.NoChange,
            _ => CommandResult.Fail(DomainErrors.PaymentAlreadyAnswered, $"The payment of order '{orderId}' was already {Outcome}."),
        };
    }
}

/// <summary>
/// Result of <see cref="PaymentState.Capture(string, decimal, string)"/>: the outcome, the gateway's
/// decline reason (or the saga's abandon reason), and the events to append (a declined payment is recorded too).
/// </summary>
public sealed class PaymentCaptureResult
{
    public PaymentCaptureResult(PaymentOutcome outcome, string? declineReason, IReadOnlyList<IDomainEvent> events, string? abandonReason = null)
    {
        Outcome = outcome;
        DeclineReason = declineReason;
        AbandonReason = abandonReason;
        Events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>For <see cref="PaymentOutcome.Abandoned"/>: TIMEOUT or CANCELLED.</summary>
    public string? AbandonReason { get; }

    public PaymentOutcome Outcome { get; }

    public string? DeclineReason { get; }

    public IReadOnlyList<IDomainEvent> Events { get; }

    /// <summary>
    /// The saga step result: success when captured, <see cref="FailureReasons.PaymentDeclined"/> when declined,
    /// the abandon reason (TIMEOUT or CANCELLED) when the saga had given up on the payment.
    /// </summary>
    /// <exception cref="InvalidOperationException">On <see cref="PaymentOutcome.NoAnswer"/>: there is no result
    /// to report; the caller must not answer (the saga's timer turns that into TIMEOUT).</exception>
    public StepResult ToStepResult() => Outcome switch
    {
        PaymentOutcome.Captured => StepResult.Success(),
        PaymentOutcome.Declined => StepResult.Failure(FailureReasons.PaymentDeclined, DeclineReason),
        PaymentOutcome.Abandoned => StepResult.Failure(AbandonReason ?? FailureReasons.Timeout, "The payment was abandoned before the gateway answered."),
        _ => throw new InvalidOperationException("The payment gateway did not answer: there is no step result to report."),
    };
}
