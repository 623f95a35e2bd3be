namespace SagaFunctions.App.Platform.Storage;

/// <summary>
/// Each bounded context's own tables (polyglot persistence: no context touches another's).
/// </summary>
public static class ContextTables
{
    public const string CustomerEvents = "CustomerEvents";
    public const string CustomerViews = "CustomerViews";
    public const string InventoryEvents = "InventoryEvents";
    public const string InventoryViews = "InventoryViews";
    public const string PaymentEvents = "PaymentEvents";
    public const string PaymentViews = "PaymentViews";
    public const string OrderEvents = "OrderEvents";
    public const string OrderViews = "OrderViews";

    public static IReadOnlyList<string> EventTables { get; } = [CustomerEvents, InventoryEvents, PaymentEvents, OrderEvents];
}
