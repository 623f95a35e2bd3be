using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.App.Ordering;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Platform.Http;

/// <summary>Malformed requests get the documented status and problem details, and write nothing.</summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class BadInputTests(AppHostFixture app)
{
    private const string Valid = """{"customerId":"c1","items":[{"sku":"SKU-1","quantity":1}],"paymentToken":"tok_visa"}""";

    public static TheoryData<string, string, string, int, string?> Cases() => new()
    {
        // route, body, label, status, field named in errors
        { "/api/orders", "", "empty body", 400, "body" },
        { "/api/orders", "{", "malformed JSON", 400, "body" },
        { "/api/orders", "[]", "array instead of object", 400, "body" },
        { "/api/orders", """{"items":[{"sku":"SKU-1","quantity":1}],"paymentToken":"tok_visa"}""", "missing customerId", 400, "customerId" },
        { "/api/orders", """{"customerId":"c1","paymentToken":"tok_visa"}""", "missing items", 400, "items" },
        { "/api/orders", """{"customerId":"c1","items":[],"paymentToken":"tok_visa"}""", "no items", 400, "items" },
        { "/api/orders", """{"customerId":"c1","items":[{"sku":"SKU-1","quantity":1}]}""", "missing paymentToken", 400, "paymentToken" },
        { "/api/orders", """{"customerId":"c1","items":[{"sku":"SKU-1","quantity":0}],"paymentToken":"tok_visa"}""", "zero quantity", 400, "items[0].quantity" },
        { "/api/orders", """{"customerId":"c1","items":[{"sku":"SKU-1","quantity":-3}],"paymentToken":"tok_visa"}""", "negative quantity", 400, "items[0].quantity" },
        { "/api/orders", """{"customerId":"c1","items":[{"sku":"SKU-1","quantity":99999999}],"paymentToken":"tok_visa"}""", "huge quantity", 400, "items[0].quantity" },
        { "/api/orders", """{"customerId":"c1","items":[{"sku":"SKU-1","quantity":"two"}],"paymentToken":"tok_visa"}""", "quantity of the wrong type", 400, "items[0].quantity" },
        { "/api/orders", """{"customerId":"c1","items":[{"sku":"SKU-1","quantity":1e400}],"paymentToken":"tok_visa"}""", "number out of range", 400, "items[0].quantity" },
        { "/api/orders", """{"customerId":"c/1","items":[{"sku":"SKU-1","quantity":1}],"paymentToken":"tok_visa"}""", "slash in customerId", 400, "customerId" },
        { "/api/orders", """{"customerId":"c1","items":[{"sku":"SKU#1","quantity":1}],"paymentToken":"tok_visa"}""", "hash in sku", 400, "items[0].sku" },
        { "/api/orders", """{"customerId":"c1","items":[{"sku":"SKU-1","quantity":1}],"paymentToken":"tok_visa","sagaStyle":"telepathy"}""", "unknown saga style", 400, "sagaStyle" },
        { "/api/orders", """{"customerId":"c1","items":[null],"paymentToken":"tok_visa"}""", "null item", 400, "items[0]" },
        { "/api/orders", """{"customerId":123,"items":[{"sku":"SKU-1","quantity":1}],"paymentToken":"tok_visa"}""", "customerId of the wrong type", 400, "customerId" },
        { "/api/customers", """{"name":"","creditLimit":10}""", "empty customer name", 400, "name" },
        { "/api/customers", """{"name":"Ada","creditLimit":-1}""", "negative credit limit", 400, "creditLimit" },
        { "/api/customers", """{"name":"Ada"}""", "missing credit limit", 400, "creditLimit" },
        { "/api/customers", """{"name":"Ada","creditLimit":"lots"}""", "credit limit of the wrong type", 400, "creditLimit" },
        { "/api/products", """{"sku":"SKU 1","name":"W","unitPrice":1,"stock":1}""", "space in sku", 400, "sku" },
        { "/api/products", """{"sku":"SKU-1","name":"W","unitPrice":0,"stock":1}""", "zero price", 400, "unitPrice" },
        { "/api/products", """{"sku":"SKU-1","name":"W","unitPrice":1,"stock":-1}""", "negative stock", 400, "stock" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_request_is_refused_with_problem_details_naming_the_field_and_writes_nothing(string route, string body, string label, int status, string? field)
    {
        var before = await CountRowsAsync();

        var response = await app.Http.PostAsync(new Uri(route, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(status == (int)response.StatusCode, $"{label}: expected {status}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{label}: errors should name '{field}': {problem}");
        }

        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413_and_writes_nothing()
    {
        var before = await CountRowsAsync();
        var huge = Valid.Replace("tok_visa", new string('x', 70_000), StringComparison.Ordinal);

        var response = await app.Http.PostAsync(new Uri("/api/orders", UriKind.Relative), new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task The_same_idempotency_key_with_the_same_body_returns_the_same_order_and_with_another_body_conflicts()
    {
        var key = Guid.NewGuid().ToString("N");
        var first = await PostOrderAsync(key, Valid);
        var again = await PostOrderAsync(key, Valid);
        var other = await PostOrderAsync(key, Valid.Replace("\"quantity\":1", "\"quantity\":2", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString();
        Assert.Equal(firstId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        await app.Durable.EventuallyCompletedAsync(firstId!); // one saga, finished (rejected: unknown customer)
    }

    [Fact]
    public async Task Placing_an_order_answers_202_with_a_location_and_status_uri()
    {
        var response = await PostOrderAsync(null, Valid);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var orderId = body.GetProperty("orderId").GetString();
        Assert.Equal("PENDING", body.GetProperty("status").GetString());
        Assert.Equal($"/api/orders/{orderId}", body.GetProperty("statusUri").GetString());
        Assert.Equal($"/api/orders/{orderId}", response.Headers.Location?.OriginalString);
        await app.Durable.EventuallyCompletedAsync(orderId!);
    }

    private async Task<HttpResponseMessage> PostOrderAsync(string? key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add(OrderIds.IdempotencyKeyHeader, key);
        }

        return await app.Http.SendAsync(request);
    }

    /// <summary>
    /// Streams (head rows) in the tables a POST could create one in. Sagas of other tests still
    /// running append to existing streams; only a command creates a stream, so a refused request
    /// must not change this count.
    /// </summary>
    private async Task<int> CountRowsAsync()
    {
        var count = 0;
        foreach (var table in new[] { "OrderEvents", "CustomerEvents", "InventoryEvents" })
        {
            var client = new TableClient(app.Azurite.ConnectionString, table);
            await client.CreateIfNotExistsAsync();
            await foreach (var _ in client.QueryAsync<TableEntity>(e => e.RowKey == "head", select: ["RowKey"]))
            {
                count++;
            }
        }

        return count;
    }
}
