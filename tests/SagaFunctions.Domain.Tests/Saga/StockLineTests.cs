using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.Domain.Tests.Saga;

public class StockLineTests
{
    [Fact]
    public void FromOrderLines_merges_repeated_skus_in_order_of_first_appearance()
    {
        OrderLine[] lines = [new("B", 1, 1m), new("A", 2, 1m), new("B", 3, 1m)];

        Assert.Equal([new StockLine("B", 4), new StockLine("A", 2)], StockLine.FromOrderLines(lines));
    }

    [Fact]
    public void OrderSagaInput_takes_the_order_placed_content()
    {
        var placed = TestData.Placed();

        var input = OrderSagaInput.From(placed);

        Assert.Equal(new OrderSagaInput(placed.OrderId, placed.CustomerId, TestData.Lines(), 25.25m, "tok_visa"), input);
        Assert.Equal([new StockLine("SKU-1", 2), new StockLine("SKU-2", 1)], input.StockLines());
    }
}
