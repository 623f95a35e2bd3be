using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SagaFunctions.App.Platform.Http;

/// <summary>The outcome of reading a JSON body: the value, or the problem to answer with.</summary>
public sealed record BodyResult<T>(T? Value, IActionResult? Problem)
    where T : class;

/// <summary>
/// Reads a JSON request body with a size limit (413 beyond it) and turns malformed JSON or a
/// value of the wrong type into a 400 naming the field, never a 500.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            return new(null, Problems.TooLarge(MaxBytes));
        }

        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, Problems.UnsupportedMediaType());
        }

        // Chunked bodies have no length: read at most one byte past the limit to know.
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return new(null, Problems.TooLarge(MaxBytes));
            }
        }

        if (buffer.Length == 0)
        {
            return new(null, Problems.Validation("body", "A JSON body is required."));
        }

        try
        {
            var value = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeInfo);
            return value is null ? new(null, Problems.Validation("body", "The body must be a JSON object.")) : new(value, null);
        }
        catch (JsonException e)
        {
            return new(null, Problems.Validation(FieldOf(e.Path), "The value is malformed or of the wrong type."));
        }
    }

    /// <summary><c>$.items[0].quantity</c> → <c>items[0].quantity</c>; the whole body is <c>body</c>.</summary>
    public static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.TrimStart('$', '.');
}
