namespace SagaFunctions.App.Choreography;

/// <summary>
/// The choreography's own facts: outcomes no domain event records (a failed reservation carries no
/// event in the aggregates) and per-order summaries of multi-stream steps (one StockReserved per SKU
/// cannot tell Payments that the whole order is reserved). They travel on <c>order-events</c> like
/// the domain events, so every step of a choreographed saga is an event the next handler reacts to.
/// </summary>
public static class ChoreographyEventTypes
{
    public const string CreditReservationFailed = "customers.credit-reservation-failed.v1";
    public const string OrderStockReserved = "inventory.order-stock-reserved.v1";
    public const string StockReservationFailed = "inventory.stock-reservation-failed.v1";
    public const string StockCompensated = "inventory.stock-compensated.v1";
    public const string CreditCompensated = "customers.credit-compensated.v1";

    /// <summary>The context that publishes each choreography event (who said what, on the saga view).</summary>
    public static string PublisherOf(string type) => type[..type.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>A stable position per type: the envelope's version in the order's choreography stream.</summary>
    public static long VersionOf(string type) => type switch
    {
        CreditReservationFailed => 1,
        OrderStockReserved => 2,
        StockReservationFailed => 3,
        StockCompensated => 4,
        CreditCompensated => 5,
        _ => throw new ArgumentException($"'{type}' is not a choreography event.", nameof(type)),
    };

    public static string StreamOf(string orderId) => "choreography-" + orderId;
}
