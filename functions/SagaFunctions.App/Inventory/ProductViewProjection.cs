using SagaFunctions.Domain;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Inventory;

/// <summary>The product view's rows: InventoryViews, one per product stream (partition <c>product-{bucket}</c>, row = SKU).</summary>
public static class ProductViewProjection
{
    public static ViewProjection<ProductView> Projection { get; } = new()
    {
        Name = "products",
        EventTable = ContextTables.InventoryEvents,
        ViewTable = ContextTables.InventoryViews,
        StreamPrefix = StreamNames.ProductPrefix,
        Create = ProductView.Create,
        Apply = (view, next) => view.Apply(next),
    };
}
