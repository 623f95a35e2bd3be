using SagaFunctions.Domain.Inventory;

namespace SagaFunctions.Domain.Tests.Inventory;

public class AddProductValidatorTests
{
    public static TheoryData<string?, string?, decimal?, int?, string[]> Cases => new()
    {
        { "SKU-1", "Widget", 0.01m, 0, [] },
        { "a.b_c-D9", "Widget", 1_000_000m, 1_000_000, [] },
        { new string('s', 64), "Widget", 1m, 1, [] },
        { null, "Widget", 1m, 1, ["sku"] },
        { "", "Widget", 1m, 1, ["sku"] },
        { new string('s', 65), "Widget", 1m, 1, ["sku"] },
        { "SKU/1", "Widget", 1m, 1, ["sku"] },
        { "SKÜ", "Widget", 1m, 1, ["sku"] },
        { "SKU-1", null, 1m, 1, ["name"] },
        { "SKU-1", new string('n', 201), 1m, 1, ["name"] },
        { "SKU-1", "Widget", null, 1, ["unitPrice"] },
        { "SKU-1", "Widget", 0m, 1, ["unitPrice"] },
        { "SKU-1", "Widget", -1m, 1, ["unitPrice"] },
        { "SKU-1", "Widget", 1_000_000.01m, 1, ["unitPrice"] },
        { "SKU-1", "Widget", 1m, null, ["stock"] },
        { "SKU-1", "Widget", 1m, -1, ["stock"] },
        { "SKU-1", "Widget", 1m, 1_000_001, ["stock"] },
        { null, null, null, null, ["sku", "name", "unitPrice", "stock"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_reports_exactly_the_invalid_fields(string? sku, string? name, decimal? unitPrice, int? stock, string[] expectedFields)
    {
        var errors = AddProductValidator.Validate(new AddProductRequest(sku, name, unitPrice, stock));

        Assert.Equal(expectedFields, errors.Keys);
        Assert.All(errors.Values, messages => Assert.NotEmpty(messages));
    }
}
