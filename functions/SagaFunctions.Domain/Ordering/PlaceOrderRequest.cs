using SagaFunctions.Domain.Validation;

namespace SagaFunctions.Domain.Ordering;

/// <summary>Body of <c>POST /api/orders</c>. Fields are nullable: a missing field is a validation error.</summary>
public sealed record PlaceOrderRequest(
    string? CustomerId = null, IReadOnlyList<PlaceOrderItem?>? Items = null, string? PaymentToken = null);

/// <summary>A requested order item.</summary>
public sealed record PlaceOrderItem(string? Sku = null, int? Quantity = null);

/// <summary>
/// Validates <see cref="PlaceOrderRequest"/>: customerId (1–64 of letters, digits, '-', '_'), 1..100 items,
/// each with a sku (1–64 of letters, digits, '-', '_', '.') and a quantity 1..10,000, paymentToken
/// required and at most 100 characters.
/// </summary>
public static class PlaceOrderValidator
{
    public const int MaxItems = 100;
    public const int MaxQuantity = 10_000;
    public const int MaxPaymentTokenLength = 100;

    /// <summary>
    /// Field errors keyed <c>customerId</c>, <c>items</c>, <c>items[i]</c>, <c>items[i].sku</c>,
    /// <c>items[i].quantity</c>, <c>paymentToken</c>; empty when valid. Items are checked one by one only
    /// when their count is within bounds.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Validate(PlaceOrderRequest? request)
    {
        var errors = new FieldErrors();
        if (request is null)
        {
            errors.Add("body", "A JSON body is required.");
            return errors.ToDictionary();
        }

        Rules.Id(errors, "customerId", request.CustomerId);

        if (request.Items is null)
        {
            errors.Add("items", "items is required.");
        }
        else if (request.Items.Count is 0 or > MaxItems)
        {
            errors.Add("items", $"items must contain between 1 and {MaxItems} items.");
        }
        else
        {
            for (var i = 0; i < request.Items.Count; i++)
            {
                var item = request.Items[i];
                if (item is null)
                {
                    var path = FieldErrors.Path("items", i);
                    errors.Add(path, $"{path} is required.");
                    continue;
                }

                Rules.Sku(errors, FieldErrors.Path("items", i, "sku"), item.Sku);
                var quantityPath = FieldErrors.Path("items", i, "quantity");
                if (item.Quantity is null)
                {
                    errors.Add(quantityPath, $"{quantityPath} is required.");
                }
                else if (item.Quantity is < 1 or > MaxQuantity)
                {
                    errors.Add(quantityPath, $"{quantityPath} must be between 1 and {MaxQuantity}.");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(request.PaymentToken))
        {
            errors.Add("paymentToken", "paymentToken is required.");
        }
        else if (request.PaymentToken.Length > MaxPaymentTokenLength)
        {
            errors.Add("paymentToken", $"paymentToken must be at most {MaxPaymentTokenLength} characters.");
        }

        return errors.ToDictionary();
    }
}
