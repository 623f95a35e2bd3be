using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Operations;

/// <summary>The operator API as a script would call it: each call's status and JSON body (a problem for a refusal).</summary>
public sealed class OperatorClient(HttpClient http)
{
    public Task<(HttpStatusCode Status, JsonElement Body)> EndAsync(string orderId) => SendAsync(HttpMethod.Post, $"/api/operations/sagas/{orderId}/end");

    public Task<(HttpStatusCode Status, JsonElement Body)> RetryCompensationAsync(string orderId) => SendAsync(HttpMethod.Post, $"/api/operations/sagas/{orderId}/retry-compensation");

    public Task<(HttpStatusCode Status, JsonElement Body)> PurgeHistoryAsync(string orderId) => SendAsync(HttpMethod.Delete, $"/api/operations/sagas/{orderId}/history");

    public Task<(HttpStatusCode Status, JsonElement Body)> ListAsync(string query) => SendAsync(HttpMethod.Get, "/api/operations/sagas?" + query);

    public Task<(HttpStatusCode Status, JsonElement Body)> PoisonAsync() => SendAsync(HttpMethod.Get, "/api/operations/poison");

    public Task<(HttpStatusCode Status, JsonElement Body)> ReplayAsync(string queue, string messageId) => SendAsync(HttpMethod.Post, $"/api/operations/poison/{queue}/{messageId}/replay");

    public Task<(HttpStatusCode Status, JsonElement Body)> ReplayAllAsync(string queue) => SendAsync(HttpMethod.Post, $"/api/operations/poison/{queue}/replay");

    public Task<(HttpStatusCode Status, JsonElement Body)> DiscardAsync(string queue, string messageId) => SendAsync(HttpMethod.Delete, $"/api/operations/poison/{queue}/{messageId}");

    /// <summary>The orders of <paramref name="customerId"/> in the saga list, once it shows each with the status wanted.</summary>
    public Task<JsonElement> EventuallyListedAsync(string customerId, IReadOnlyDictionary<string, string> statuses) =>
        http.EventuallyGetAsync(
            $"/api/operations/sagas?customerId={customerId}",
            page => statuses.All(s => page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("orderId").GetString() == s.Key && i.GetProperty("status").GetString() == s.Value)),
            $"the saga list shows {string.Join(", ", statuses)}");

    private async Task<(HttpStatusCode, JsonElement)> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
