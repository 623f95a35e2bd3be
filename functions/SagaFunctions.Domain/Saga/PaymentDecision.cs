namespace SagaFunctions.Domain.Saga;

/// <summary>
/// How the pivot was decided, as the payment stream recorded it (first one recorded wins): captured,
/// or not, with the reason (PAYMENT_DECLINED, or why the saga gave up on the payment). Every step
/// after the pivot takes it as evidence: an approval needs a capture, a compensation or a rejection
/// needs its absence, so no branch of the orchestration can act against what the stream decided.
/// </summary>
public sealed record PaymentDecision(bool Captured, string? Reason)
{
    public static PaymentDecision Capture { get; } = new(true, null);

    public static PaymentDecision NotCaptured(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new PaymentDecision(false, reason);
    }

    /// <summary>The decision a pivot step (CapturePayment, AbandonPayment) answered.</summary>
    public static PaymentDecision From(StepResult pivot)
    {
        ArgumentNullException.ThrowIfNull(pivot);
        return pivot.Succeeded ? Capture : NotCaptured(pivot.FailureReason!);
    }

    /// <summary>Refuses a step that needs the payment captured (<paramref name="captured"/>) or not.</summary>
    /// <exception cref="InvalidOperationException">The decision says otherwise: the caller is on a branch the stream did not take.</exception>
    public void Require(bool captured, string step)
    {
        if (Captured != captured)
        {
            throw new InvalidOperationException(captured
                ? $"{step} runs only after the payment was captured, not after it was given up ({Reason})."
                : $"{step} runs only once the payment was given up or declined; it was captured.");
        }
    }
}
