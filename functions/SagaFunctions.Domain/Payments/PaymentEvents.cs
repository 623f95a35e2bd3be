namespace SagaFunctions.Domain.Payments;

/// <summary>The gateway captured the order's payment (saga pivot CapturePayment).</summary>
public sealed record PaymentCaptured(string OrderId, decimal Amount, string Token) : IDomainEvent
{
    public const string TypeName = "payments.payment-captured.v1";
}

/// <summary>The gateway declined the order's payment; <paramref name="Reason"/> is the gateway's reason.</summary>
public sealed record PaymentDeclined(string OrderId, decimal Amount, string Token, string Reason) : IDomainEvent
{
    public const string TypeName = "payments.payment-declined.v1";
}

/// <summary>
/// The saga gave up on the payment before it was captured or declined, with <paramref name="Reason"/>
/// (a <see cref="FailureReasons"/> code other than PAYMENT_DECLINED: TIMEOUT, CANCELLED, or the
/// reservation step's failure). The attempt is closed and a late capture is refused, so an order the
/// saga gave up on never keeps money captured. Of this and <see cref="PaymentCaptured"/> only the
/// first one recorded exists: that is how the pivot is decided, once, for both saga styles.
/// </summary>
public sealed record PaymentAbandoned(string OrderId, string Reason) : IDomainEvent
{
    public const string TypeName = "payments.payment-abandoned.v1";
}

/// <summary>
/// The gateway captured <paramref name="Amount"/> after the payment had been abandoned (it answered
/// late), and the money was given back: the capture does not count.
/// </summary>
public sealed record PaymentRefunded(string OrderId, decimal Amount) : IDomainEvent
{
    public const string TypeName = "payments.payment-refunded.v1";
}
