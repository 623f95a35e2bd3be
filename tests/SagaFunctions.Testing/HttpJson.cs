using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SagaFunctions.Testing;

/// <summary>GETs of JSON against a host's API.</summary>
public static class HttpJson
{
    /// <summary>The JSON at <paramref name="path"/>, or null when it is not found.</summary>
    public static async Task<JsonElement?> GetJsonAsync(this HttpClient http, string path)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the path until its JSON satisfies the condition; returns that JSON.</summary>
    public static async Task<JsonElement> EventuallyGetAsync(this HttpClient http, string path, Func<JsonElement, bool> condition, string because, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var found = await Eventually.ValueAsync(() => http.GetJsonAsync(path), json => json is { } value && condition(value), because, timeout);
        return found!.Value;
    }
}
