namespace SagaFunctions.Domain.Ordering;

/// <summary>
/// An order was placed (status PENDING) and its saga is to start. <paramref name="PlacedAt"/> comes
/// from the caller (no clock in the domain). Equality compares <paramref name="Items"/> element-wise.
/// </summary>
public sealed record OrderPlaced(
    string OrderId,
    string CustomerId,
    IReadOnlyList<OrderLine> Items,
    decimal Total,
    string PaymentToken,
    string SagaStyle,
    DateTimeOffset PlacedAt) : IDomainEvent
{
    public const string TypeName = "ordering.order-placed.v1";

    public bool Equals(OrderPlaced? other) =>
        other is not null
        && OrderId == other.OrderId
        && CustomerId == other.CustomerId
        && Items.SequenceEqual(other.Items)
        && Total == other.Total
        && PaymentToken == other.PaymentToken
        && SagaStyle == other.SagaStyle
        && PlacedAt == other.PlacedAt;

    public override int GetHashCode() => HashCode.Combine(OrderId, CustomerId, Items.Count, Total, PaymentToken, SagaStyle, PlacedAt);
}

/// <summary>The saga completed: the order is APPROVED.</summary>
public sealed record OrderApproved(string OrderId) : IDomainEvent
{
    public const string TypeName = "ordering.order-approved.v1";
}

/// <summary>The saga failed with <paramref name="Reason"/> (one of <see cref="FailureReasons"/>): the order is REJECTED.</summary>
public sealed record OrderRejected(string OrderId, string Reason) : IDomainEvent
{
    public const string TypeName = "ordering.order-rejected.v1";
}

/// <summary>The order was cancelled before the pivot: the order is CANCELLED.</summary>
public sealed record OrderCancelled(string OrderId) : IDomainEvent
{
    public const string TypeName = "ordering.order-cancelled.v1";
}

/// <summary>A compensation kept failing: the order is COMPENSATION_FAILED and needs an operator.</summary>
public sealed record OrderCompensationFailed(string OrderId, string FailedStep, string Detail) : IDomainEvent
{
    public const string TypeName = "ordering.order-compensation-failed.v1";
}

/// <summary>
/// An operator reran the compensations of a COMPENSATION_FAILED order and they all succeeded: the order
/// ends as its saga would have, REJECTED with <paramref name="Reason"/> (CANCELLED for a cancel).
/// </summary>
public sealed record OrderCompensationResolved(string OrderId, string Reason) : IDomainEvent
{
    public const string TypeName = "ordering.order-compensation-resolved.v1";
}
