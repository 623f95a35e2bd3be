using SagaFunctions.Domain.Serialization;

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
/// The saga gave up on the payment before the gateway answered, with <paramref name="Reason"/>
/// (<see cref="FailureReasons.Timeout"/> or <see cref="FailureReasons.Cancelled"/>): the attempt is
/// closed and a late capture is refused, so a timed-out or cancelled order never leaves money captured.
/// </summary>
public sealed record PaymentAbandoned(string OrderId, string Reason) : IDomainEvent
{
    public const string TypeName = "payments.payment-abandoned.v1";
}

/// <summary>The Payments context's events by stable name (stream <c>payment-{orderId}</c>).</summary>
public static class PaymentEventTypes
{
    public static EventTypeMap Map { get; } = new(
    [
        EventTypeMap.Entry(PaymentCaptured.TypeName, DomainJsonContext.Default.PaymentCaptured),
        EventTypeMap.Entry(PaymentDeclined.TypeName, DomainJsonContext.Default.PaymentDeclined),
        EventTypeMap.Entry(PaymentAbandoned.TypeName, DomainJsonContext.Default.PaymentAbandoned),
    ]);
}
