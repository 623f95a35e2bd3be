using SagaFunctions.Domain.Validation;

namespace SagaFunctions.Domain.Inventory;

/// <summary>Body of <c>POST /api/products</c>. Fields are nullable: a missing field is a validation error.</summary>
public sealed record AddProductRequest(string? Sku = null, string? Name = null, decimal? UnitPrice = null, int? Stock = null);

/// <summary>
/// Validates <see cref="AddProductRequest"/>: sku (1–64 of letters, digits, '-', '_', '.'), name 1–200
/// characters, unitPrice greater than 0 and at most 1,000,000, stock 0..1,000,000.
/// </summary>
public static class AddProductValidator
{
    public const decimal MaxUnitPrice = 1_000_000m;
    public const int MaxStock = 1_000_000;

    /// <summary>Field errors keyed <c>sku</c>, <c>name</c>, <c>unitPrice</c>, <c>stock</c>; empty when valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(AddProductRequest? request)
    {
        var errors = new FieldErrors();
        if (request is null)
        {
            errors.Add("body", "A JSON body is required.");
            return errors.ToDictionary();
        }

        Rules.Sku(errors, "sku", request.Sku);
        Rules.Name(errors, "name", request.Name);
        Rules.PositiveUpTo(errors, "unitPrice", request.UnitPrice, MaxUnitPrice);
        Rules.Range(errors, "stock", request.Stock, 0, MaxStock);
        return errors.ToDictionary();
    }
}
