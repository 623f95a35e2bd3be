using System.Globalization;

namespace SagaFunctions.Domain.Validation;

/// <summary>Field rules shared by the request validators.</summary>
internal static class Rules
{
    public const int MaxNameLength = 200;

    public static void Id(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, $"{field} is required.");
        }
        else if (!Identifiers.IsValidId(value))
        {
            errors.Add(field, $"{field} must be 1-{Identifiers.MaxIdLength} characters of letters, digits, '-' or '_'.");
        }
    }

    public static void Sku(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, $"{field} is required.");
        }
        else if (!Identifiers.IsValidSku(value))
        {
            errors.Add(field, $"{field} must be 1-{Identifiers.MaxIdLength} characters of letters, digits, '-', '_' or '.'.");
        }
    }

    public static void Name(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{field} is required.");
        }
        else if (value.Length > MaxNameLength)
        {
            errors.Add(field, $"{field} must be at most {MaxNameLength} characters.");
        }
    }

    public static void Range(FieldErrors errors, string field, decimal? value, decimal min, decimal max)
    {
        if (value is null)
        {
            errors.Add(field, $"{field} is required.");
        }
        else if (value < min || value > max)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"{field} must be between {min} and {max}."));
        }
    }

    public static void PositiveUpTo(FieldErrors errors, string field, decimal? value, decimal max)
    {
        if (value is null)
        {
            errors.Add(field, $"{field} is required.");
        }
        else if (value <= 0 || value > max)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"{field} must be greater than 0 and at most {max}."));
        }
    }
}
