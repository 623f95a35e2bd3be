using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Testing;
using Xunit.Abstractions;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Tests.Saga;

/// <summary>
/// The host process killed at the worst moments of the pivot, under contention (40 orders of one
/// customer whose credit covers 10), and a new process on the same storage finishing the work. The
/// step timeout is shorter than the leases that hold the dead host's messages, so the new host sees
/// the step timer before the answers the dead host never sent: the interleaving in which a saga used
/// to compensate an order whose payment was captured. Every order must end consistent with its
/// payment stream, and the balances exact.
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class PivotCrashTests(AppHostFixture app, ITestOutputHelper output)
{
    private const int Orders = 40;
    private const decimal CreditLimit = 100m;
    private const int Stock = 1000;

    [Theory]
    [InlineData("CapturePayment:before")]
    [InlineData("CapturePayment:after")]
    [InlineData("ApproveOrder:after")]
    public async Task A_host_killed_at_the_pivot_leaves_every_order_approved_with_everything_held_or_rejected_with_everything_released(string point)
    {
        // Two rounds, killed at the 2nd and at the 6th time an order reaches the point.
        foreach (var nth in new[] { 2, 6 })
        {
            await RunRoundAsync($"{point}:{nth}");
        }
    }

    private async Task RunRoundAsync(string crashAt)
    {
        var hub = AzuriteFixture.UniqueName("pivot");
        var hostJson = TestHostJson.WithDurableLeases(workItemLease: "00:00:10", controlQueueLease: "00:00:10");
        var settings = new Dictionary<string, string> { ["Saga__StepTimeout"] = "00:00:03" };
        string customerId;
        string sku;
        List<string> orderIds;

        await using (var first = await LocalHostProcess.StartAsync(
            app.Azurite.ConnectionString, hub, hostJson, new Dictionary<string, string>(settings) { [CrashAt.Setting] = crashAt }, ["--configure-services", CrashAt.TypeName]))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            customerId = await PostForIdAsync(http, "/api/customers", new { name = "Contended", creditLimit = CreditLimit }, "customerId");
            sku = "PIVOT-" + Guid.NewGuid().ToString("N")[..8];
            (await http.PostAsJsonAsync("/api/products", new { sku, name = "Widget", unitPrice = 10m, stock = Stock })).EnsureSuccessStatusCode();
            var placing = Enumerable.Range(0, Orders).Select(i => PostForIdAsync(http, "/api/orders",
                new { customerId, items = new[] { new { sku, quantity = 1 } }, paymentToken = i % 8 == 0 ? "tok_declined" : "tok_visa" }, "orderId"));
            orderIds = [.. await Task.WhenAll(placing)];

            using var crash = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await first.ExitedAsync(crash.Token); // the fault injector ended it at the chosen point
        }

        await using var second = await LocalHostProcess.StartAsync(app.Azurite.ConnectionString, hub, hostJson, settings);
        using var http2 = new HttpClient { BaseAddress = second.BaseAddress };
        await Eventually.TrueAsync(() => AllSettledAsync(http2, hub, orderIds), $"every saga of round {crashAt} completed and no activity is left", TimeSpan.FromMinutes(3));

        var aggregates = new AppStreams(app.Host.Services);
        var customer = (await aggregates.Customers.LoadAsync(StreamNames.Customer(customerId))).State;
        var product = (await aggregates.Products.LoadAsync(StreamNames.Product(sku))).State;
        var approved = 0;
        var paths = new Dictionary<string, int>();
        foreach (var orderId in orderIds)
        {
            var order = (await aggregates.Orders.LoadAsync(StreamNames.Order(orderId))).State;
            var payment = (await aggregates.Payments.LoadAsync(StreamNames.Payment(orderId))).State;
            var kept = payment.Outcome == PaymentOutcome.Captured;
            var holds = (Credit: customer.Reservations.ContainsKey(orderId), Stock: product.Reservations.ContainsKey(orderId));
            var because = $"{crashAt}: order {orderId} is {order.Status} ({order.RejectionReason}), payment {payment.Outcome}, credit held {holds.Credit}, stock held {holds.Stock}";
            if (order.Status == "APPROVED")
            {
                approved++;
                Assert.True(kept && holds is (true, true), because);
            }
            else
            {
                Assert.True(order.Status is "REJECTED" or "CANCELLED", because);
                Assert.True(!kept && holds is (false, false), because);
            }

            var saga = await http2.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/saga");
            Assert.True(
                saga.GetProperty("outcome") is { ValueKind: JsonValueKind.Object } outcome && outcome.GetProperty("status").GetString() == order.Status,
                $"{because}; saga: {saga}");
            Assert.True(saga.GetProperty("progress").ValueKind == JsonValueKind.Object, $"{because}: the saga shows no timeline: {saga}");
            var path = string.Join(" ", saga.GetProperty("progress").GetProperty("steps").EnumerateArray()
                .Select(s => $"{s.GetProperty("name").GetString()}:{s.GetProperty("outcome").GetString()![0]}"));
            paths[path] = paths.GetValueOrDefault(path) + 1;
        }

        Assert.Equal(CreditLimit - (10m * approved), customer.AvailableCredit);
        Assert.Equal(Stock - approved, product.Available);
        Assert.InRange(approved, 1, 10);
        output.WriteLine($"{crashAt}: {approved} approved; paths:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", paths.Select(p => $"{p.Value} × {p.Key}"))}");
    }

    /// <summary>Every saga completed, and the task hub holds no activity (none queued, none held by the dead host).</summary>
    private async Task<bool> AllSettledAsync(HttpClient http, string hub, IEnumerable<string> orderIds)
    {
        foreach (var orderId in orderIds)
        {
            var saga = await http.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/saga");
            if (saga.GetProperty("runtimeStatus").GetString() != "Completed")
            {
                return false;
            }
        }

        var workItems = new QueueClient(app.Azurite.ConnectionString, hub.ToLowerInvariant() + "-workitems");
        return (await workItems.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0;
    }

    private static async Task<string> PostForIdAsync(HttpClient http, string route, object body, string idProperty)
    {
        var response = await http.PostAsJsonAsync(route, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(idProperty).GetString()!;
    }
}
