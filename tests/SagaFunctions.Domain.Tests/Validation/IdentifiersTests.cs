using SagaFunctions.Domain.Validation;

namespace SagaFunctions.Domain.Tests.Validation;

public class IdentifiersTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("Cust_01-x", true)]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123", true)]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("a.b", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("é", false)]
    public void IsValidId_accepts_1_to_64_ascii_letters_digits_dash_and_underscore(string? value, bool valid)
    {
        Assert.Equal(valid, Identifiers.IsValidId(value));
    }

    [Theory]
    [InlineData("SKU-1.a_b", true)]
    [InlineData("a.b", true)]
    [InlineData("", false)]
    [InlineData("a#b", false)]
    [InlineData("a\\b", false)]
    public void IsValidSku_also_accepts_dots(string value, bool valid)
    {
        Assert.Equal(valid, Identifiers.IsValidSku(value));
    }

    [Fact]
    public void FieldErrors_keeps_fields_in_report_order_and_describes_them()
    {
        var errors = new FieldErrors();
        errors.Add("b", "one");
        errors.Add("a", "two");
        errors.Add("b", "three");

        var dictionary = errors.ToDictionary();

        Assert.Equal(["b", "a"], dictionary.Keys);
        Assert.Equal(["one", "three"], dictionary["b"]);
        Assert.Equal("b: one; b: three; a: two", FieldErrors.Describe(dictionary));
    }
}
