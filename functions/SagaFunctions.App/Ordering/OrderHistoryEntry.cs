namespace SagaFunctions.App.Ordering;

/// <summary>
/// One order in its customer's order history (derived from the order view): what
/// <c>GET /api/customers/{customerId}/orders</c> lists, and when the order was placed (the list is
/// oldest first).
/// </summary>
public sealed record OrderHistoryEntry(string OrderId, string Status, decimal Total, string? RejectionReason, DateTimeOffset PlacedAt)
{
    public CustomerOrderResponse ToResponse() => new(OrderId, Status, Total, RejectionReason);
}
