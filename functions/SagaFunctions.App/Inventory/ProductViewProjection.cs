using Azure.Data.Tables;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.EventStore;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Inventory;

/// <summary>
/// The product view (InventoryViews, partition <c>product-{bucket}</c>, row = SKU): available units
/// move by the reserved and released quantities.
/// </summary>
public sealed class ProductViewProjection : IViewProjection
{
    public const string Sku = "Sku";
    public const string ProductName = "Name";
    public const string UnitPrice = "UnitPrice";
    public const string Available = "Available";

    public string Name => "products";

    public string EventTable => ContextTables.InventoryEvents;

    public string ViewTable => ContextTables.InventoryViews;

    public static ViewKey KeyOfProduct(string sku) => new(ViewPartitions.For("product", sku), sku);

    public bool IsFedBy(string streamId) => streamId.StartsWith(StreamNames.ProductPrefix, StringComparison.Ordinal);

    public ViewKey KeyOf(string streamId) => KeyOfProduct(streamId[StreamNames.ProductPrefix.Length..]);

    public void Apply(TableEntity row, RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(recorded);
        switch (recorded.Data)
        {
            case ProductAdded e:
                row[Sku] = e.Sku;
                row[ProductName] = e.Name;
                ViewColumns.SetDecimal(row, UnitPrice, e.UnitPrice);
                row[Available] = e.Stock;
                break;
            case StockReserved e:
                row[Available] = (row.GetInt32(Available) ?? 0) - e.Quantity;
                break;
            case StockReleased e:
                row[Available] = (row.GetInt32(Available) ?? 0) + e.Quantity;
                break;
        }
    }

    public IEnumerable<TableEntity> Derive(TableEntity row) => [];
}
