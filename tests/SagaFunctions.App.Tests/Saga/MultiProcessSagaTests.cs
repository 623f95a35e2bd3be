using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Payments;
using SagaFunctions.EventStore;
using SagaFunctions.Testing;
using Xunit.Abstractions;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Shortcuts;

namespace SagaFunctions.App.Tests.Saga;

/// <summary>
/// The app as Azure runs it: split over host processes the way Flex Consumption groups its functions
/// (the HTTP group and the Durable group on two processes each, the projection and the choreography
/// queue triggers on processes of their own, the timers on two), on one storage, with every message of
/// the app's queues delivered twice, in-process shortcuts (turns, caches) off, and members killed and
/// replaced mid-run. Orders of both saga styles go in through both HTTP processes. Afterwards every
/// guarantee must hold exactly.
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class MultiProcessSagaTests(AppHostFixture app, ITestOutputHelper output)
{
    private const int Customers = 3;
    private const decimal CreditLimit = 100m;
    private const int Products = 2;
    private const int Stock = 12;
    private const decimal UnitPrice = 10m;
    private const int Orders = 24;

    [Fact]
    public async Task Every_order_ends_consistent_with_exact_balances_across_processes_duplicates_and_kills()
    {
        var settings = ClusterOnAzurite.QuickSettings();
        settings["LocalHost__DeliverEveryMessageTwice"] = "true";
        settings[InProcessShortcuts.Setting.Replace(":", "__", StringComparison.Ordinal)] = "false";
        await using var cluster = new ClusterOnAzurite(app.Azurite.ConnectionString, AzuriteFixture.UniqueName("flex"), ClusterOnAzurite.QuickHostJson(), settings);
        await Task.WhenAll(
            cluster.StartAsync("http", replicas: 2),
            cluster.StartAsync("durable", replicas: 2),
            cluster.StartAsync("ProjectStream,RunProjectionRebuild", replicas: 2),
            cluster.StartAsync("DispatchOrderEvent", replicas: 2),
            cluster.StartAsync("timers", replicas: 2));
        var http = cluster.HttpAddresses.Select(a => new HttpClient { BaseAddress = a }).ToList();

        var customers = new List<string>();
        for (var i = 0; i < Customers; i++)
        {
            customers.Add(await PostForIdAsync(http[i % 2], "/api/customers", new { name = $"C{i}", creditLimit = CreditLimit }, "customerId"));
        }

        var skus = Enumerable.Range(0, Products).Select(i => $"FLEX{i}-" + Guid.NewGuid().ToString("N")[..8]).ToList();
        foreach (var sku in skus)
        {
            (await http[0].PostAsJsonAsync("/api/products", new { sku, name = "Widget", unitPrice = UnitPrice, stock = Stock })).EnsureSuccessStatusCode();
        }

        var random = new Random(20261201);
        var plans = Enumerable.Range(0, Orders).Select(i => new PlannedOrder(
            customers[random.Next(Customers)], skus[random.Next(Products)], random.Next(1, 4), i % 2 == 0 ? "orchestration" : "choreography",
            random.Next(10) switch { 0 => "tok_declined", 1 => "tok_timeout", _ => "tok_visa" })).ToList();

        // The first half, then a Durable member and a projection member die and are replaced, then the rest.
        var placed = new List<(PlannedOrder Plan, string OrderId)>();
        placed.AddRange(await PlaceAsync(http, plans[..(Orders / 2)]));
        await cluster.KillAsync(cluster.Members.First(m => m.Functions == "durable").Process);
        await cluster.KillAsync(cluster.Members.First(m => m.Functions == "ProjectStream,RunProjectionRebuild").Process);
        placed.AddRange(await PlaceAsync(http, plans[(Orders / 2)..]));
        await Task.WhenAll(cluster.StartAsync("durable"), cluster.StartAsync("ProjectStream,RunProjectionRebuild"));

        var aggregates = new AppStreams(app.Host.Services);
        await Eventually.TrueAsync(async () => await AllFinalAsync(aggregates, placed.Select(p => p.OrderId)), "every order is final", TimeSpan.FromMinutes(4));

        var approved = new List<(PlannedOrder Plan, string OrderId)>();
        foreach (var (plan, orderId) in placed)
        {
            var order = (await aggregates.Orders.LoadAsync(StreamNames.Order(orderId))).State;
            var payment = (await aggregates.Payments.LoadAsync(StreamNames.Payment(orderId))).State;
            var because = $"{plan} {orderId}: {order.Status} ({order.RejectionReason}), payment {payment.Outcome}";
            Assert.True(order.Status is "APPROVED" or "REJECTED", because);
            Assert.Equal(order.Status == "APPROVED", payment.Outcome == PaymentOutcome.Captured && payment.Refunded == 0);
            Assert.True(order.Status == "REJECTED" || plan.Token == "tok_visa", because);
            if (order.Status == "APPROVED")
            {
                approved.Add((plan, orderId));
            }
        }

        output.WriteLine($"{approved.Count} of {placed.Count} approved; reasons: {string.Join(", ", (await Task.WhenAll(placed.Select(async p => (await aggregates.Orders.LoadAsync(StreamNames.Order(p.OrderId))).State.RejectionReason ?? "approved"))).GroupBy(r => r).Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.NotEmpty(approved);

        // Balances exact: what the approved orders took, no more, no less; reservations held for them only.
        foreach (var customerId in customers)
        {
            var customer = (await aggregates.Customers.LoadAsync(StreamNames.Customer(customerId))).State;
            var taken = approved.Where(a => a.Plan.CustomerId == customerId).ToList();
            Assert.Equal(CreditLimit - taken.Sum(a => UnitPrice * a.Plan.Quantity), customer.AvailableCredit);
            Assert.Equal(taken.Select(a => a.OrderId).Order(StringComparer.Ordinal), customer.Reservations.Keys);
            await AssertEachEffectOnceAsync(aggregates.Customers.ReadAsync(StreamNames.Customer(customerId)), StreamNames.Customer(customerId), placed.Select(p => p.OrderId));
        }

        foreach (var sku in skus)
        {
            var product = (await aggregates.Products.LoadAsync(StreamNames.Product(sku))).State;
            var taken = approved.Where(a => a.Plan.Sku == sku).ToList();
            Assert.Equal(Stock - taken.Sum(a => a.Plan.Quantity), product.Available);
            Assert.Equal(taken.Select(a => a.OrderId).Order(StringComparer.Ordinal), product.Reservations.Keys);
            await AssertEachEffectOnceAsync(aggregates.Products.ReadAsync(StreamNames.Product(sku)), StreamNames.Product(sku), placed.Select(p => p.OrderId));
        }

        // The read side, from either HTTP process: each customer's history lists each of its orders once, as final as its stream.
        foreach (var customerId in customers)
        {
            var expected = placed.Where(p => p.Plan.CustomerId == customerId).Select(p => p.OrderId).Order(StringComparer.Ordinal).ToList();
            await Eventually.TrueAsync(async () =>
            {
                var history = await http[1].GetFromJsonAsync<JsonElement>($"/api/customers/{customerId}/orders");
                var listed = history.EnumerateArray().Select(o => (Id: o.GetProperty("orderId").GetString()!, Status: o.GetProperty("status").GetString())).ToList();
                return listed.Select(o => o.Id).Order(StringComparer.Ordinal).SequenceEqual(expected) && listed.All(o => o.Status is "APPROVED" or "REJECTED");
            }, $"the order history of {customerId} lists each of its orders once, final");
            var view = await http[0].GetFromJsonAsync<JsonElement>($"/api/customers/{customerId}");
            var stream = (await aggregates.Customers.LoadAsync(StreamNames.Customer(customerId))).State;
            Assert.Equal(stream.AvailableCredit, view.GetProperty("availableCredit").GetDecimal());
        }

        // Every choreographed saga's chain holds each fact once, though every message came twice.
        foreach (var (_, orderId) in placed.Where(p => p.Plan.Style == "choreography"))
        {
            var saga = await http[0].GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/saga");
            var ids = saga.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("messageId").GetString()).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }

        foreach (var client in http)
        {
            client.Dispose();
        }
    }

    private static async Task<IReadOnlyList<(PlannedOrder, string)>> PlaceAsync(List<HttpClient> http, IReadOnlyList<PlannedOrder> plans) =>
        await Task.WhenAll(plans.Select(async (plan, i) => (plan, await PostForIdAsync(http[i % http.Count], "/api/orders",
            new { customerId = plan.CustomerId, items = new[] { new { sku = plan.Sku, quantity = plan.Quantity } }, paymentToken = plan.Token, sagaStyle = plan.Style },
            "orderId"))));

    private static async Task<bool> AllFinalAsync(AppStreams aggregates, IEnumerable<string> orderIds)
    {
        foreach (var orderId in orderIds)
        {
            if (!(await aggregates.Orders.LoadAsync(StreamNames.Order(orderId))).State.IsFinal)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Per order, at most one reservation and one release event in the stream: no step applied twice.</summary>
    private static async Task AssertEachEffectOnceAsync(IAsyncEnumerable<RecordedEvent> stream, string streamId, IEnumerable<string> orderIds)
    {
        var effects = new List<(string OrderId, string Type)>();
        await foreach (var recorded in stream)
        {
            switch (recorded.Data)
            {
                case CreditReserved e: effects.Add((e.OrderId, recorded.EventType)); break;
                case CreditReleased e: effects.Add((e.OrderId, recorded.EventType)); break;
                case StockReserved e: effects.Add((e.OrderId, recorded.EventType)); break;
                case StockReleased e: effects.Add((e.OrderId, recorded.EventType)); break;
            }
        }

        var ours = orderIds.ToHashSet(StringComparer.Ordinal);
        var twice = effects.Where(e => ours.Contains(e.OrderId)).GroupBy(e => e).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"{streamId}: applied twice: {string.Join(", ", twice)}");
    }

    private static async Task<string> PostForIdAsync(HttpClient http, string route, object body, string idProperty)
    {
        var response = await http.PostAsJsonAsync(route, body);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, $"{route}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(idProperty).GetString()!;
    }

    private sealed record PlannedOrder(string CustomerId, string Sku, int Quantity, string Style, string Token);
}
