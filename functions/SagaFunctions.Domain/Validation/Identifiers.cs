namespace SagaFunctions.Domain.Validation;

/// <summary>
/// Syntax of the ids used as stream names and table keys: ASCII letters and digits plus a few
/// separators, so that they are safe in a partition key, a URL segment and a saga instance id.
/// </summary>
public static class Identifiers
{
    public const int MaxIdLength = 64;

    /// <summary>Customer and order ids: 1–64 characters of ASCII letters, digits, '-' and '_'.</summary>
    public static bool IsValidId(string? value) => IsValid(value, allowDot: false);

    /// <summary>SKUs: 1–64 characters of ASCII letters, digits, '-', '_' and '.'.</summary>
    public static bool IsValidSku(string? value) => IsValid(value, allowDot: true);

    private static bool IsValid(string? value, bool allowDot)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_' || (allowDot && c == '.');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
