using SagaFunctions.Domain.Ordering;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Operations.SagaList;

/// <summary>
/// One saga as the operator's list shows it, folded from the order's stream by the order aggregate's
/// own fold (<see cref="OrderState.Apply"/>), plus what only the stream's envelope knows: when the
/// saga ended and the last event the order recorded. No payment token.
/// </summary>
public sealed record SagaListEntry(
    string OrderId,
    string CustomerId,
    string Style,
    string Status,
    decimal Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    string? RejectionReason,
    string? FailedStep,
    string LastEvent,
    DateTimeOffset LastEventAt)
{
    public static SagaListEntry Create(RecordedEvent first)
    {
        ArgumentNullException.ThrowIfNull(first);
        return Of(OrderState.Empty.Apply(first.Data), null, first);
    }

    public SagaListEntry Apply(RecordedEvent next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var state = State().Apply(next.Data);
        // The end is when the order's status last changed to a final one (a resolved COMPENSATION_FAILED ends again).
        var endedAt = state.IsFinal && state.Status != Status ? next.Timestamp : EndedAt;
        return Of(state, endedAt, next);
    }

    private static SagaListEntry Of(OrderState order, DateTimeOffset? endedAt, RecordedEvent last) =>
        new(order.OrderId, order.CustomerId, order.SagaStyle, order.Status, order.Total, order.PlacedAt, endedAt, order.RejectionReason, order.FailedStep, last.EventType, last.Timestamp);

    /// <summary>The aggregate's state as far as the entry keeps it: each order event sets fields from its own data only.</summary>
    private OrderState State() => OrderState.Empty with
    {
        OrderId = OrderId,
        CustomerId = CustomerId,
        SagaStyle = Style,
        Status = Status,
        Total = Total,
        PlacedAt = CreatedAt,
        RejectionReason = RejectionReason,
        FailedStep = FailedStep,
    };
}
