using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SagaFunctions.App.Customers;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.ReadSide;
using SagaFunctions.Domain.Ordering;

namespace SagaFunctions.App.Tests.ReadSide;

/// <summary>How the view store maps a record to a row and back. Pure: no request is made.</summary>
public sealed class ViewStoreMappingTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly ViewStore _store = new(new ViewTables(new SagaStorage(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SagaStorage"] = "UseDevelopmentStorage=true" }).Build(), [])), TimeProvider.System);

    [Fact]
    public void A_row_is_its_record_as_json_in_one_column_beside_the_checkpoint_columns()
    {
        var entity = _store.ToEntity(new ViewRow(new ViewKey("customer-01", "ada"), new CustomerView("ada", "Ada", 100m, 60m), 4, At));

        Assert.Equal(["LastEventAt", "PartitionKey", "RowKey", "UpdatedAt", "Version", "View"], entity.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("""{"customerId":"ada","name":"Ada","creditLimit":100,"availableCredit":60}""", entity.GetString(ViewColumns.View));
        Assert.Equal(4L, entity.GetInt64(ViewColumns.Version));
        Assert.Equal(At, entity.GetDateTimeOffset(ViewColumns.LastEventAt));
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("12.50")]
    [InlineData("0.30")]
    public void Decimals_come_back_with_every_digit(string amount)
    {
        var money = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        var view = (CustomerView)RoundTrip(new ViewRow(new ViewKey("customer-01", "ada"), new CustomerView("ada", "Ada", money, money), 1, At)).View;

        Assert.Equal(amount, view.CreditLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(amount, JsonSerializer.SerializeToElement(view.AvailableCredit).GetRawText());
    }

    [Fact]
    public void An_order_view_comes_back_equal_lines_and_all()
    {
        var order = new OrderView("o-1", "c-1", "REJECTED", "OUT_OF_STOCK", 26.49m, [new OrderLine("sku-1", 2, 12.75m), new OrderLine("sku-2", 1, 0.99m)], At);

        var row = new ViewRow(new ViewKey("order-03", "o-1"), order, 7, At);

        Assert.Equal(row, RoundTrip(row));
    }

    private ViewRow RoundTrip(ViewRow row) => ViewStore.FromEntity(_store.ToEntity(row), row.View.GetType());
}
