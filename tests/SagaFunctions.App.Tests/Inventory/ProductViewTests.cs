using SagaFunctions.App.Inventory;
using SagaFunctions.Domain.Inventory;

namespace SagaFunctions.App.Tests.Inventory;

/// <summary>The product view's fold, pure: no storage.</summary>
public sealed class ProductViewTests
{
    private static readonly ProductAdded Added = new("sku-1", "Widget", 12.50m, 10);

    [Fact]
    public void Adding_the_product_creates_the_view_with_its_whole_stock_available()
    {
        Assert.Equal(new ProductView("sku-1", "Widget", 12.50m, 10), ProductView.Create(Added));
    }

    [Fact]
    public void Reservations_take_units_and_releases_give_them_back()
    {
        var view = Fold(Added, new StockReserved("o-1", 4), new StockReserved("o-2", 3), new StockReleased("o-1", 4), new StockReleased("o-3", 0));

        Assert.Equal(7, view.Available);
    }

    [Fact]
    public void The_available_units_are_the_aggregates_for_what_the_aggregate_records()
    {
        object[] events = [Added, new StockReserved("o-1", 2), new StockReserved("o-2", 5), new StockReleased("o-2", 5), new StockReleased("o-4", 0), new StockReserved("o-3", 1)];

        var view = Fold(events);

        var aggregate = ProductState.Fold(events);
        Assert.Equal((aggregate.Sku, aggregate.Name, aggregate.UnitPrice, aggregate.Available), (view.Sku, view.Name, view.UnitPrice, view.Available));
    }

    [Fact]
    public void A_stream_that_does_not_start_with_the_product_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ProductView.Create(new StockReserved("o-1", 1)));
    }

    private static ProductView Fold(params object[] events) => events.Skip(1).Aggregate(ProductView.Create(events[0]), (view, e) => view.Apply(e));
}
