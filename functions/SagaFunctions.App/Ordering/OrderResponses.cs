using System.Text.Json;
using SagaFunctions.Domain.Ordering;

namespace SagaFunctions.App.Ordering;

/// <summary><c>GET /api/orders/{orderId}</c>: the order view (or, with <c>?asOf=</c>, the view of a past state) and the stream version it shows.</summary>
public sealed record OrderResponse(
    string OrderId,
    string CustomerId,
    string Status,
    string? RejectionReason,
    decimal Total,
    IReadOnlyList<OrderLine> Items,
    long Version)
{
    public static OrderResponse Of(OrderView view, long version)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.OrderId, view.CustomerId, view.Status, view.RejectionReason, view.Total, view.Items, version);
    }
}

/// <summary>One entry of <c>GET /api/orders/{orderId}/events</c>.</summary>
public sealed record OrderEventResponse(long Version, string Type, DateTimeOffset Timestamp, JsonElement Data);

/// <summary>One entry of <c>GET /api/customers/{customerId}/orders</c>.</summary>
public sealed record CustomerOrderResponse(string OrderId, string Status, decimal Total, string? RejectionReason);
