namespace SagaFunctions.Domain.Payments;

/// <summary>What a payment gateway answers.</summary>
public enum PaymentOutcome
{
    /// <summary>The payment was captured.</summary>
    Captured = 1,

    /// <summary>The payment was declined.</summary>
    Declined = 2,

    /// <summary>The gateway never answers: a caller waits for it as long as it would for a hanging gateway, then gives up.</summary>
    NoAnswer = 3,

    /// <summary>Never a gateway answer: the saga gave up before one came (<see cref="PaymentAbandoned"/>); a late capture is refused.</summary>
    Abandoned = 4,
}

/// <summary>
/// A gateway's answer; <paramref name="DeclineReason"/> is set only when declined. <paramref name="Late"/>:
/// the answer comes only after longer than the saga waits for a step (a slow gateway).
/// </summary>
public sealed record GatewayResponse(PaymentOutcome Outcome, string? DeclineReason = null, bool Late = false)
{
    public static GatewayResponse Captured { get; } = new(PaymentOutcome.Captured);

    public static GatewayResponse NoAnswer { get; } = new(PaymentOutcome.NoAnswer);

    public static GatewayResponse Declined(string reason) => new(PaymentOutcome.Declined, reason);
}

/// <summary>Test card tokens of the simulated gateway.</summary>
public static class PaymentTokens
{
    public const string Visa = "tok_visa";
    public const string Declined = "tok_declined";
    public const string Timeout = "tok_timeout";
    public const string Slow = "tok_slow";
}

/// <summary>
/// The simulated payment gateway, a pure function of the token: <c>tok_visa</c> is captured,
/// <c>tok_declined</c> is declined, <c>tok_timeout</c> never answers, <c>tok_slow</c> is captured
/// but answers late (after the saga's step timeout), any other token is declined.
/// </summary>
public static class SimulatedPaymentGateway
{
    public const string CardDeclined = "card_declined";
    public const string UnsupportedToken = "unsupported_token";

    public static GatewayResponse Charge(string token) => token switch
    {
        PaymentTokens.Visa => GatewayResponse.Captured,
        PaymentTokens.Slow => GatewayResponse.Captured with { Late = true },
        PaymentTokens.Timeout => GatewayResponse.NoAnswer,
        PaymentTokens.Declined => GatewayResponse.Declined(CardDeclined),
        _ => GatewayResponse.Declined(UnsupportedToken),
    };
}
