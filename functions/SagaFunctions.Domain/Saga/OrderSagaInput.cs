using SagaFunctions.Domain.Ordering;

namespace SagaFunctions.Domain.Saga;

/// <summary>Input of the order saga (orchestrator or choreography), taken from <see cref="OrderPlaced"/>.</summary>
public sealed record OrderSagaInput(
    string OrderId,
    string CustomerId,
    IReadOnlyList<OrderLine> Items,
    decimal Total,
    string PaymentToken)
{
    public static OrderSagaInput From(OrderPlaced placed)
    {
        ArgumentNullException.ThrowIfNull(placed);
        return new OrderSagaInput(placed.OrderId, placed.CustomerId, placed.Items, placed.Total, placed.PaymentToken);
    }

    /// <summary>The stock to reserve, one line per SKU.</summary>
    public IReadOnlyList<StockLine> StockLines() => StockLine.FromOrderLines(Items);

    public bool Equals(OrderSagaInput? other) =>
        other is not null
        && OrderId == other.OrderId
        && CustomerId == other.CustomerId
        && Items.SequenceEqual(other.Items)
        && Total == other.Total
        && PaymentToken == other.PaymentToken;

    public override int GetHashCode() => HashCode.Combine(OrderId, CustomerId, Items.Count, Total, PaymentToken);
}
