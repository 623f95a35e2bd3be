using SagaFunctions.Domain.Ordering;

namespace SagaFunctions.App.Ordering;

/// <summary>
/// The order view: the order aggregate's state, folded by the aggregate's own fold
/// (<see cref="OrderState.Apply"/>), less what stays in the order's stream: the payment token (the
/// outside sees at most its reference, <see cref="Domain.Payments.PaymentReference"/>), the saga
/// style and a failed compensation's details.
/// </summary>
public sealed record OrderView(
    string OrderId,
    string CustomerId,
    string Status,
    string? RejectionReason,
    decimal Total,
    IReadOnlyList<OrderLine> Items,
    DateTimeOffset PlacedAt)
{
    public static OrderView Of(OrderState order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(order.OrderId, order.CustomerId, order.Status, order.RejectionReason, order.Total, order.Items, order.PlacedAt);
    }

    public static OrderView Create(object first) => Of(OrderState.Empty.Apply(first));

    public OrderView Apply(object next) => Of(State().Apply(next));

    /// <summary>The entry this order makes in its customer's order history.</summary>
    public OrderHistoryEntry HistoryEntry() => new(OrderId, Status, Total, RejectionReason, PlacedAt);

    public bool Equals(OrderView? other) =>
        other is not null
        && OrderId == other.OrderId
        && CustomerId == other.CustomerId
        && Status == other.Status
        && RejectionReason == other.RejectionReason
        && Total == other.Total
        && Items.SequenceEqual(other.Items)
        && PlacedAt == other.PlacedAt;

    public override int GetHashCode() => HashCode.Combine(OrderId, Status, Total, Items.Count, RejectionReason);

    /// <summary>
    /// The aggregate's state as far as the view shows it. What the view leaves out the fold never
    /// reads (each event sets fields from its own data), so the next event applies to this as to the
    /// whole state.
    /// </summary>
    private OrderState State() => OrderState.Empty with
    {
        OrderId = OrderId,
        CustomerId = CustomerId,
        Status = Status,
        RejectionReason = RejectionReason,
        Total = Total,
        Items = Items,
        PlacedAt = PlacedAt,
    };
}
