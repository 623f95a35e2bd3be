using SagaFunctions.Domain.Ordering;

namespace SagaFunctions.App.Ordering;

/// <summary>Body of <c>POST /api/orders</c>: the domain's request plus the saga style to run it with.</summary>
public sealed record PlaceOrderBody(
    string? CustomerId = null, IReadOnlyList<PlaceOrderItem?>? Items = null, string? PaymentToken = null, string? SagaStyle = null)
{
    public PlaceOrderRequest ToRequest() => new(CustomerId, Items, PaymentToken);
}
