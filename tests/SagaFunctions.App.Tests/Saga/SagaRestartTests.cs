using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Saga;

[Collection(AppHostCollectionDefinition.Name)]
public sealed class SagaRestartTests(AppHostFixture app)
{
    // What a killed host leaves behind comes back after a lease, not at once: activities it was running
    // (the work-item queue lease) and orchestration messages it had fetched but not processed, such as
    // an activity's answer (the control-queue lease, DTFx's default 5 minutes). Until that answer is
    // back the saga waits; if its step timeout fires first it compensates, and still stays Running
    // because DTFx completes an orchestration only once none of its activities is outstanding.
    // The test keeps both leases short and the step timeout long, so every saga finishes normally.
    [Fact]
    public async Task Sagas_in_flight_when_the_host_process_is_killed_all_finish_on_a_new_process_with_every_effect_once()
    {
        var hub = AzuriteFixture.UniqueName("restart");
        // The repository's host.json with a work-item lease long enough that a busy machine does not
        // hand a running activity out twice, a control-queue lease that brings the killed host's
        // fetched messages back well within the step timeout, and a step timeout no step reaches:
        // the test is about recovery, not timeouts.
        var hostJson = TestHostJson.WithDurableLeases(workItemLease: "00:00:30", controlQueueLease: "00:00:30");
        var settings = new Dictionary<string, string> { ["Saga__StepTimeout"] = "00:03:00" };
        string customerId;
        string sku;
        var orderIds = new List<string>();

        await using (var first = await LocalHostProcess.StartAsync(app.Azurite.ConnectionString, hub, hostJson, settings))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            customerId = (await (await http.PostAsJsonAsync("/api/customers", new { name = "Load", creditLimit = 1000m }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString()!;
            sku = "RESTART-" + Guid.NewGuid().ToString("N")[..8];
            (await http.PostAsJsonAsync("/api/products", new { sku, name = "Load", unitPrice = 10m, stock = 15 })).EnsureSuccessStatusCode();
            var placed = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => http.PostAsJsonAsync("/api/orders",
                new { customerId, items = new[] { new { sku, quantity = 1 } }, paymentToken = i % 5 == 0 ? "tok_declined" : "tok_visa" })));
            foreach (var response in placed)
            {
                orderIds.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!);
            }

            // Kill it while sagas are running: wait until some progress is visible, not for all of it.
            await Eventually.TrueAsync(async () => await CountFinishedAsync(http, orderIds) >= 1, "the first saga finished");
        }

        await using var second = await LocalHostProcess.StartAsync(app.Azurite.ConnectionString, hub, hostJson, settings);
        using var http2 = new HttpClient { BaseAddress = second.BaseAddress };
        await Eventually.ValueAsync(
            () => CountFinishedAsync(http2, orderIds),
            finished => finished == orderIds.Count,
            "every saga finished",
            TimeSpan.FromMinutes(4),
            _ => DescribeUnfinishedAsync(http2, orderIds, hub));

        var aggregates = Aggregates();
        var orders = await Task.WhenAll(orderIds.Select(id => aggregates.Orders.LoadAsync(StreamNames.Order(id))));
        var approved = orders.Where(o => o.State.Status == "APPROVED").ToList();
        Assert.All(orders, o => Assert.True(o.State.Status is "APPROVED" or "REJECTED", o.State.Status));
        // Orders i % 5 == 0 pay with a declined card. Which orders find the 15 units taken depends on
        // the order the sagas reach the stock (a declined order holds its units until the payment
        // fails), so each card's outcome is checked, not exact counts.
        for (var i = 0; i < orders.Length; i++)
        {
            var outcome = (orders[i].State.Status, orders[i].State.RejectionReason);
            Assert.True(i % 5 == 0
                ? outcome is ("REJECTED", "PAYMENT_DECLINED" or "OUT_OF_STOCK")
                : outcome is ("APPROVED", null) or ("REJECTED", "OUT_OF_STOCK"), $"order {i}: {outcome}");
        }

        Assert.InRange(approved.Count, 11, 15); // 16 good cards for 15 units, at most 4 held by declined cards at a time
        // Every effect exactly once: the balances are what the approved orders took, no more.
        var customer = await aggregates.Customers.LoadAsync(StreamNames.Customer(customerId));
        Assert.Equal(1000m - (approved.Count * 10m), customer.State.AvailableCredit);
        var product = await aggregates.Products.LoadAsync(StreamNames.Product(sku));
        Assert.Equal(15 - approved.Count, product.State.Available);
        foreach (var order in approved)
        {
            var payment = await aggregates.Payments.LoadAsync(StreamNames.Payment(order.State.OrderId));
            Assert.Equal(1, payment.Version); // captured once
        }
    }

    private static async Task<int> CountFinishedAsync(HttpClient http, IEnumerable<string> orderIds)
    {
        var finished = 0;
        foreach (var id in orderIds)
        {
            var response = await http.GetAsync(new Uri($"/api/orders/{id}/saga", UriKind.Relative));
            if (response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtimeStatus").GetString() == "Completed")
            {
                finished++;
            }
        }

        return finished;
    }

    private async Task<string> DescribeUnfinishedAsync(HttpClient http, IEnumerable<string> orderIds, string hub)
    {
        var unfinished = new List<string>();
        foreach (var id in orderIds)
        {
            var body = await http.GetStringAsync(new Uri($"/api/orders/{id}/saga", UriKind.Relative));
            if (!body.Contains("\"Completed\"", StringComparison.Ordinal))
            {
                unfinished.Add(body);
                var events = await OrchestrationHistory.ReadAsync(app.Azurite.ConnectionString, hub, id);
                unfinished.Add("history: " + string.Join(" ", events.Select(e => $"{e.GetString("EventType")}:{e.GetString("Name")}:{e.GetInt32("EventId")}:{e.GetInt32("TaskScheduledId")}")));
            }
        }

        return string.Join(Environment.NewLine, unfinished);
    }

    private AppStreams Aggregates()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SagaStorage"] = app.Azurite.ConnectionString }).Build();
        return new AppStreams(new ServiceCollection().AddLogging().AddSagaFunctions(configuration).BuildServiceProvider());
    }
}
