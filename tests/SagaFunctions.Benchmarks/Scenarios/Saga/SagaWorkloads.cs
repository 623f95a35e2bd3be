using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SagaFunctions.Benchmarks.Scenarios.Saga;

/// <summary>One side of the comparison: how to start one unit of work over HTTP and how to read its outcome.</summary>
internal interface IWorkload
{
    string Name { get; }

    Task PrepareAsync(HttpClient http);

    /// <summary>Starts unit <paramref name="index"/>; returns the URI its outcome is read from.</summary>
    Task<Uri> StartAsync(HttpClient http, int index);

    /// <summary>The outcome when final, else null.</summary>
    Task<string?> OutcomeAsync(HttpClient http, Uri status);

    /// <summary>How long the unit's orchestration ran, by its own timestamps (created → last updated), once final.</summary>
    Task<TimeSpan> OrchestrationTimeAsync(HttpClient http, Uri status);
}

/// <summary>Reads an orchestration's createdAt / lastUpdatedAt from a JSON status endpoint.</summary>
internal static class OrchestrationTimes
{
    public static async Task<TimeSpan> ReadAsync(HttpClient http, Uri endpoint)
    {
        var body = await http.GetFromJsonAsync<JsonElement>(endpoint);
        return body.GetProperty("lastUpdatedAt").GetDateTimeOffset() - body.GetProperty("createdAt").GetDateTimeOffset();
    }
}

/// <summary>The bare orchestration (5 no-op activities); final when the runtime status is terminal.</summary>
internal sealed class BaselineWorkload : IWorkload
{
    public string Name => "baseline";

    public Task PrepareAsync(HttpClient http) => Task.CompletedTask;

    public async Task<Uri> StartAsync(HttpClient http, int index)
    {
        using var response = await http.PostAsync(new Uri("/api/baseline", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return response.Headers.Location ?? throw new InvalidOperationException("No Location header.");
    }

    public async Task<string?> OutcomeAsync(HttpClient http, Uri status)
    {
        using var response = await http.GetAsync(status);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var runtime = body.GetProperty("status").GetString();
        return runtime is "Completed" or "Failed" or "Terminated" ? runtime : null;
    }

    public Task<TimeSpan> OrchestrationTimeAsync(HttpClient http, Uri status) => OrchestrationTimes.ReadAsync(http, status);
}

/// <summary>
/// An order placed over HTTP (POST /api/orders), final when the order view (GET /api/orders/{id},
/// updated by the projection function) leaves PENDING. Every 10th order pays with tok_declined:
/// rejected after compensations.
/// </summary>
internal sealed class OrderWorkload : IWorkload
{
    private const int Customers = 20;
    private static readonly string[] Skus = ["BENCH-A", "BENCH-B", "BENCH-C", "BENCH-D", "BENCH-E"];
    private readonly List<string> _customers = [];

    public string Name => "saga";

    /// <summary>Products and customers on the host's storage; the customers of an earlier host are forgotten.</summary>
    public async Task PrepareAsync(HttpClient http)
    {
        _customers.Clear();
        foreach (var sku in Skus)
        {
            using var product = await http.PostAsJsonAsync(
                new Uri("/api/products", UriKind.Relative), new { sku, name = "Bench " + sku, unitPrice = 1.5m, stock = 1_000_000 });
            await EnsureAsync(product);
        }

        for (var i = 0; i < Customers; i++)
        {
            using var customer = await http.PostAsJsonAsync(
                new Uri("/api/customers", UriKind.Relative), new { name = $"Bench customer {i}", creditLimit = 100_000_000m });
            await EnsureAsync(customer);
            var body = await customer.Content.ReadFromJsonAsync<JsonElement>();
            _customers.Add(body.GetProperty("customerId").GetString()!);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<Uri> StartAsync(HttpClient http, int index)
    {
        var order = new
        {
            customerId = _customers[index % _customers.Count],
            items = new[] { new { sku = Skus[index % Skus.Length], quantity = 1 + (index % 3) }, new { sku = Skus[(index + 2) % Skus.Length], quantity = 1 } },
            paymentToken = index % 10 == 9 ? "tok_declined" : "tok_visa",
            sagaStyle = "orchestration",
        };
        using var response = await http.PostAsJsonAsync(new Uri("/api/orders", UriKind.Relative), order);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/orders: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"/api/orders/{id}"), UriKind.Relative);
    }

    public async Task<string?> OutcomeAsync(HttpClient http, Uri status)
    {
        using var response = await http.GetAsync(status);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null; // Not projected yet.
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var value = body.GetProperty("status").GetString();
        return value is null or "PENDING" ? null : value;
    }

    /// <summary>The saga's orchestration, from GET /api/orders/{id}/saga.</summary>
    public Task<TimeSpan> OrchestrationTimeAsync(HttpClient http, Uri status) =>
        OrchestrationTimes.ReadAsync(http, new Uri(status.OriginalString + "/saga", UriKind.Relative));
}
