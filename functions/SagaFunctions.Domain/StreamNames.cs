namespace SagaFunctions.Domain;

/// <summary>The event stream of each aggregate: one stream per entity id.</summary>
public static class StreamNames
{
    public const string CustomerPrefix = "customer-";
    public const string ProductPrefix = "product-";
    public const string PaymentPrefix = "payment-";
    public const string OrderPrefix = "order-";

    public static string Customer(string customerId) => For(CustomerPrefix, customerId);

    public static string Product(string sku) => For(ProductPrefix, sku);

    public static string Payment(string orderId) => For(PaymentPrefix, orderId);

    public static string Order(string orderId) => For(OrderPrefix, orderId);

    private static string For(string prefix, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return prefix + id;
    }
}
