using SagaFunctions.Domain.Customers;

namespace SagaFunctions.Domain.Tests.Customers;

public class RegisterCustomerValidatorTests
{
    public static TheoryData<string?, decimal?, string[]> Cases => new()
    {
        { "Ada", 0m, [] },
        { "Ada", 100m, [] },
        { "Ada", 1_000_000_000m, [] },
        { new string('a', 200), 1m, [] },
        { null, 1m, ["name"] },
        { "", 1m, ["name"] },
        { "  ", 1m, ["name"] },
        { new string('a', 201), 1m, ["name"] },
        { "Ada", null, ["creditLimit"] },
        { "Ada", -0.01m, ["creditLimit"] },
        { "Ada", 1_000_000_000.01m, ["creditLimit"] },
        { null, null, ["name", "creditLimit"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_reports_exactly_the_invalid_fields(string? name, decimal? creditLimit, string[] expectedFields)
    {
        var errors = RegisterCustomerValidator.Validate(new RegisterCustomerRequest(name, creditLimit));

        Assert.Equal(expectedFields, errors.Keys);
        Assert.All(errors.Values, messages => Assert.NotEmpty(messages));
    }

    [Fact]
    public void Validate_of_a_missing_body_reports_body()
    {
        Assert.Equal(["body"], RegisterCustomerValidator.Validate(null).Keys);
    }
}
