using SagaFunctions.Domain.Validation;

namespace SagaFunctions.Domain.Customers;

/// <summary>Body of <c>POST /api/customers</c>. Fields are nullable: a missing field is a validation error.</summary>
public sealed record RegisterCustomerRequest(string? Name = null, decimal? CreditLimit = null);

/// <summary>Validates <see cref="RegisterCustomerRequest"/>: name 1–200 characters, creditLimit 0..1,000,000,000.</summary>
public static class RegisterCustomerValidator
{
    public const decimal MaxCreditLimit = 1_000_000_000m;

    /// <summary>Field errors keyed <c>name</c>, <c>creditLimit</c>; empty when valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(RegisterCustomerRequest? request)
    {
        var errors = new FieldErrors();
        if (request is null)
        {
            errors.Add("body", "A JSON body is required.");
            return errors.ToDictionary();
        }

        Rules.Name(errors, "name", request.Name);
        Rules.Range(errors, "creditLimit", request.CreditLimit, 0m, MaxCreditLimit);
        return errors.ToDictionary();
    }
}
