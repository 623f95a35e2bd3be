using SagaFunctions.Domain.Ordering;

namespace SagaFunctions.Domain.Tests.Ordering;

public class PlaceOrderValidatorTests
{
    private static readonly PlaceOrderItem Good = new("SKU-1", 1);

    private static PlaceOrderItem?[] Items(params PlaceOrderItem?[] items) => items;

    private static PlaceOrderItem?[] Repeat(int count) => [.. Enumerable.Repeat<PlaceOrderItem?>(Good, count)];

    public static TheoryData<string?, PlaceOrderItem?[]?, string?, string[]> Cases => new()
    {
        { "cust-1", Items(Good), "tok_visa", [] },
        { "C_1", Items(new PlaceOrderItem("a.b-c_D", 10_000)), "t", [] },
        { new string('c', 64), Repeat(100), new string('t', 100), [] },
        { null, Items(Good), "tok_visa", ["customerId"] },
        { "", Items(Good), "tok_visa", ["customerId"] },
        { new string('c', 65), Items(Good), "tok_visa", ["customerId"] },
        { "cust.1", Items(Good), "tok_visa", ["customerId"] },
        { "cust 1", Items(Good), "tok_visa", ["customerId"] },
        { "cust-1", null, "tok_visa", ["items"] },
        { "cust-1", Items(), "tok_visa", ["items"] },
        { "cust-1", Repeat(101), "tok_visa", ["items"] },
        { "cust-1", Items(Good, null), "tok_visa", ["items[1]"] },
        { "cust-1", Items(Good, Good, new PlaceOrderItem("SKU-1", 0)), "tok_visa", ["items[2].quantity"] },
        { "cust-1", Items(new PlaceOrderItem("SKU-1", 10_001)), "tok_visa", ["items[0].quantity"] },
        { "cust-1", Items(new PlaceOrderItem("SKU-1", null)), "tok_visa", ["items[0].quantity"] },
        { "cust-1", Items(new PlaceOrderItem(null, 1)), "tok_visa", ["items[0].sku"] },
        { "cust-1", Items(new PlaceOrderItem("", 1)), "tok_visa", ["items[0].sku"] },
        { "cust-1", Items(new PlaceOrderItem("sku#1", 1)), "tok_visa", ["items[0].sku"] },
        { "cust-1", Items(new PlaceOrderItem(new string('s', 65), 1)), "tok_visa", ["items[0].sku"] },
        { "cust-1", Items(Good), null, ["paymentToken"] },
        { "cust-1", Items(Good), " ", ["paymentToken"] },
        { "cust-1", Items(Good), new string('t', 101), ["paymentToken"] },
        { null, Items(new PlaceOrderItem(null, -1)), null, ["customerId", "items[0].sku", "items[0].quantity", "paymentToken"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_reports_exactly_the_invalid_fields(
        string? customerId, PlaceOrderItem?[]? items, string? paymentToken, string[] expectedFields)
    {
        var errors = PlaceOrderValidator.Validate(new PlaceOrderRequest(customerId, items, paymentToken));

        Assert.Equal(expectedFields, errors.Keys);
        Assert.All(errors.Values, messages => Assert.NotEmpty(messages));
    }

    [Fact]
    public void Validate_messages_name_the_field()
    {
        var errors = PlaceOrderValidator.Validate(new PlaceOrderRequest("c", Items(Good, Good, new PlaceOrderItem("s", 0)), "t"));

        Assert.Equal(["items[2].quantity must be between 1 and 10000."], errors["items[2].quantity"]);
    }

    [Fact]
    public void Validate_of_a_missing_body_reports_body()
    {
        Assert.Equal(["body"], PlaceOrderValidator.Validate(null).Keys);
    }
}
