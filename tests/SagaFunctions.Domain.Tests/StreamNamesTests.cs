namespace SagaFunctions.Domain.Tests;

public class StreamNamesTests
{
    [Fact]
    public void Each_aggregate_has_one_stream_per_id()
    {
        Assert.Equal("customer-c1", StreamNames.Customer("c1"));
        Assert.Equal("product-SKU-1.a", StreamNames.Product("SKU-1.a"));
        Assert.Equal("payment-o1", StreamNames.Payment("o1"));
        Assert.Equal("order-o1", StreamNames.Order("o1"));
    }

    [Fact]
    public void An_empty_id_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => StreamNames.Order(""));
    }
}
