using System.Globalization;

namespace SagaFunctions.Domain.Validation;

/// <summary>
/// Collects field errors keyed by JSON-path-ish names (<c>customerId</c>, <c>items[2].quantity</c>),
/// in the shape ASP.NET Core's <c>ValidationProblemDetails</c> takes.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors.Add(field, messages);
        }

        messages.Add(message);
    }

    /// <summary>The errors, field by field in the order they were first reported.</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary()
    {
        var result = new Dictionary<string, string[]>(_errors.Count, StringComparer.Ordinal);
        foreach (var (field, messages) in _errors)
        {
            result.Add(field, [.. messages]);
        }

        return result;
    }

    /// <summary>One line for a failure detail: <c>field: message; field: message</c>.</summary>
    public static string Describe(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
    }

    internal static string Path(string collection, int index, string? member = null) =>
        member is null
            ? string.Create(CultureInfo.InvariantCulture, $"{collection}[{index}]")
            : string.Create(CultureInfo.InvariantCulture, $"{collection}[{index}].{member}");
}
