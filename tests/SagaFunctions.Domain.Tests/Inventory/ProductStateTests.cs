using SagaFunctions.Domain.Inventory;
using static SagaFunctions.Domain.Tests.TestData;

namespace SagaFunctions.Domain.Tests.Inventory;

public class ProductStateTests
{
    [Fact]
    public void Add_on_a_new_stream_emits_ProductAdded()
    {
        Given()
            .When(product => product.Add(Sku, "Widget", 2.5m, 10))
            .Then(new ProductAdded(Sku, "Widget", 2.5m, 10));
    }

    [Fact]
    public void Add_with_zero_stock_is_allowed()
    {
        Given()
            .When(product => product.Add(Sku, "Widget", 2.5m, 0))
            .Then(new ProductAdded(Sku, "Widget", 2.5m, 0));
    }

    [Theory]
    [InlineData("", "Widget", 1, 1)]
    [InlineData("SKU 1", "Widget", 1, 1)]
    [InlineData(Sku, "", 1, 1)]
    [InlineData(Sku, "Widget", 0, 1)]
    [InlineData(Sku, "Widget", 1, -1)]
    public void Add_with_invalid_input_fails_validation(string sku, string name, int unitPrice, int stock)
    {
        Given()
            .When(product => product.Add(sku, name, unitPrice, stock))
            .ThenFails(DomainErrors.ValidationFailed);
    }

    [Fact]
    public void Add_again_with_the_same_values_is_an_idempotent_no_op()
    {
        Given(Added())
            .When(product => product.Add(Sku, "Widget", 2.5m, 10))
            .ThenNoChange();
    }

    [Fact]
    public void Add_again_with_other_values_fails_already_exists()
    {
        Given(Added())
            .When(product => product.Add(Sku, "Widget", 3m, 10))
            .ThenFails(DomainErrors.AlreadyExists);
    }

    [Fact]
    public void Fold_computes_available_as_stock_minus_active_reservations()
    {
        var state = ProductState.Fold(
        [
            Added(stock: 10),
            new StockReserved(OrderId, 3),
            new StockReserved(OtherOrderId, 4),
            new StockReleased(OrderId, 3),
        ]);

        Assert.Equal(10, state.Stock);
        Assert.Equal(4, state.Reserved);
        Assert.Equal(6, state.Available);
        Assert.Equal(2.5m, state.UnitPrice);
    }

    [Fact]
    public void ReserveStock_within_available_emits_StockReserved()
    {
        Given(Added(stock: 10))
            .When(product => product.ReserveStock(OrderId, 10))
            .Then(new StockReserved(OrderId, 10));
    }

    [Fact]
    public void ReserveStock_above_available_fails_out_of_stock()
    {
        Given(Added(stock: 10), new StockReserved(OtherOrderId, 8))
            .When(product => product.ReserveStock(OrderId, 3))
            .ThenFails(FailureReasons.OutOfStock);
    }

    [Fact]
    public void ReserveStock_of_an_unknown_product_fails_unknown_product()
    {
        Given()
            .When(product => product.ReserveStock(OrderId, 1))
            .ThenFails(FailureReasons.UnknownProduct);
    }

    [Fact]
    public void ReserveStock_again_for_the_same_order_is_an_idempotent_no_op()
    {
        Given(Added(stock: 3), new StockReserved(OrderId, 3))
            .When(product => product.ReserveStock(OrderId, 3))
            .ThenNoChange();
    }

    [Fact]
    public void ReserveStock_for_an_order_whose_reservation_was_released_reserves_nothing_again()
    {
        Given(Added(stock: 3), new StockReserved(OrderId, 3), new StockReleased(OrderId, 3))
            .When(product => product.ReserveStock(OrderId, 3))
            .ThenNoChange();
    }

    [Fact]
    public void ReserveStock_with_another_quantity_for_an_already_reserved_order_is_a_programming_error()
    {
        Given(Added(stock: 10), new StockReserved(OrderId, 3))
            .When(product => product.ReserveStock(OrderId, 4))
            .ThenThrows<InvalidOperationException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ReserveStock_with_a_non_positive_quantity_is_a_programming_error(int quantity)
    {
        Given(Added())
            .When(product => product.ReserveStock(OrderId, quantity))
            .ThenThrows<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ReleaseStock_of_a_reserved_order_emits_StockReleased_with_the_reserved_quantity()
    {
        Given(Added(stock: 10), new StockReserved(OrderId, 3))
            .When(product => product.ReleaseStock(OrderId))
            .Then(new StockReleased(OrderId, 3));
    }

    [Fact]
    public void ReleaseStock_without_a_reservation_records_a_zero_release_that_blocks_a_late_reserve()
    {
        Given(Added(stock: 10))
            .When(product => product.ReleaseStock(OrderId))
            .Then(new StockReleased(OrderId, 0));

        var afterTombstone = Given(Added(stock: 10), new StockReleased(OrderId, 0))
            .When(product => product.ReserveStock(OrderId, 3))
            .ThenNoChange();
        Assert.Equal(10, afterTombstone.Available);
    }

    [Fact]
    public void ReleaseStock_twice_releases_once()
    {
        Given(Added(stock: 10), new StockReserved(OrderId, 3), new StockReleased(OrderId, 3))
            .When(product => product.ReleaseStock(OrderId))
            .ThenNoChange();
    }

    [Fact]
    public void Apply_of_an_event_of_another_context_throws()
    {
        Assert.Throws<ArgumentException>(() => ProductState.Empty.Apply(Registered()));
    }

    [Fact]
    public void Available_stock_never_goes_below_zero_and_each_order_reserves_at_most_once_under_any_command_sequence()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var state = ProductState.Fold([Added(stock: random.Next(0, 50))]);
            var reservedOnce = new HashSet<string>(StringComparer.Ordinal);

            for (var step = 0; step < 40; step++)
            {
                var orderId = $"o{random.Next(0, 8)}";
                var result = random.Next(3) == 0
                    ? state.ReleaseStock(orderId)
                    : state.ReserveStock(orderId, state.Reservations.TryGetValue(orderId, out var held) ? held : random.Next(1, 20));

                foreach (var reserved in result.Events.OfType<StockReserved>())
                {
                    Assert.True(reservedOnce.Add(reserved.OrderId), $"seed {seed}: order {reserved.OrderId} reserved twice");
                }

                state = state.ApplyAll(result.Events);
                Assert.True(state.Available >= 0, $"seed {seed}: available {state.Available}");
            }
        }
    }

    private static AggregateSpec<ProductState> Given(params IDomainEvent[] history) => Spec.Given(ProductState.Fold, history);
}
