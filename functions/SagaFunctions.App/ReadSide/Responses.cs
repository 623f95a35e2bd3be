using System.Text.Json;

namespace SagaFunctions.App.ReadSide;

/// <summary><c>GET /api/orders/{orderId}</c>.</summary>
public sealed record OrderResponse(
    string OrderId,
    string CustomerId,
    string Status,
    string? RejectionReason,
    decimal Total,
    IReadOnlyList<OrderItemResponse> Items,
    long Version);

public sealed record OrderItemResponse(string Sku, int Quantity, decimal UnitPrice);

/// <summary>One entry of <c>GET /api/orders/{orderId}/events</c>.</summary>
public sealed record OrderEventResponse(long Version, string Type, DateTimeOffset Timestamp, JsonElement Data);

/// <summary><c>GET /api/customers/{customerId}</c>.</summary>
public sealed record CustomerResponse(string CustomerId, string Name, decimal CreditLimit, decimal AvailableCredit);

/// <summary>One entry of <c>GET /api/customers/{customerId}/orders</c>.</summary>
public sealed record CustomerOrderResponse(string OrderId, string Status, decimal Total, string? RejectionReason);

/// <summary><c>GET /api/products/{sku}</c>.</summary>
public sealed record ProductResponse(string Sku, string Name, decimal UnitPrice, int Available);
