using SagaFunctions.Testing;
using System.Net;
using System.Text.Json;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.App.ReadSide;

namespace SagaFunctions.App.Tests.ReadSide;

[Collection(ReadSideHostDefinition.Name)]
public sealed class RebuildTests(ReadSideHost host)
{
    [Fact]
    public async Task A_rebuild_gives_the_same_views_while_queries_keep_answering()
    {
        var scenario = new Scenario(host.Aggregates);
        await scenario.RegisterCustomerAsync(creditLimit: 500m);
        await scenario.AddProductAsync(stock: 20, unitPrice: 5m);
        var orders = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            orders.Add(await scenario.PlaceApprovedOrderAsync(quantity: i, unitPrice: 5m));
        }

        orders.Add(await scenario.PlaceRejectedOrderAsync(quantity: 1, reason: "INSUFFICIENT_CREDIT"));
        string[] paths = [.. orders.Select(o => $"api/orders/{o}"), $"api/customers/{scenario.CustomerId}", $"api/customers/{scenario.CustomerId}/orders", $"api/products/{scenario.Sku}"];
        await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}/orders", h => h.GetArrayLength() == 4 && h[3].GetProperty("status").GetString() == "REJECTED", "the views are built incrementally");
        await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}", c => c.GetProperty("availableCredit").GetDecimal() == 470m, "the customer view is built");
        await host.Http.EventuallyGetAsync($"api/products/{scenario.Sku}", p => p.GetProperty("available").GetInt32() == 14, "the product view is built");
        var incremental = await SnapshotAsync(paths);
        var before = (await host.Http.GetJsonAsync("api/projections"))!.Value.GetProperty("generation").GetProperty("current").GetInt32();

        using var start = await host.Http.PostAsync(new Uri("api/projections/rebuild", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);

        // Until the switch (and after it) every query answers, with the complete view.
        await ReadSideHost.EventuallyAsync(async () =>
        {
            Assert.Equal(incremental, await SnapshotAsync(paths));
            var generation = (await host.Http.GetJsonAsync("api/projections"))!.Value.GetProperty("generation");
            return generation.GetProperty("current").GetInt32() == before + 1 && generation.GetProperty("building").GetInt32() == 0;
        }, "the rebuild switches to the new generation", TimeSpan.FromSeconds(120));

        Assert.Equal(incremental, await SnapshotAsync(paths));
    }

    [Fact]
    public async Task Events_appended_while_a_rebuild_runs_reach_the_new_generation()
    {
        const int Stock = 1_000;
        const decimal Credit = 10_000m;
        var scenario = new Scenario(host.Aggregates, "rb");
        await scenario.RegisterCustomerAsync(creditLimit: Credit);
        await scenario.AddProductAsync(stock: Stock, unitPrice: 1m);
        await host.Http.EventuallyGetAsync($"api/products/{scenario.Sku}", p => p.GetProperty("available").GetInt32() == Stock, "the product view is built");
        var before = await GenerationAsync();

        using var start = await host.Http.PostAsync(new Uri("api/projections/rebuild", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);

        // Orders keep coming through the whole rebuild (its wait for cached pointers, the fold, the
        // catch-up and the switch) and one comes after it.
        var placed = 0;
        var switchedTo = before.Current + 1;
        while (await GenerationAsync() != (switchedTo, 0))
        {
            Assert.True(placed < 2_000, "the rebuild did not switch while orders kept coming");
            await scenario.PlaceApprovedOrderAsync(quantity: 1, unitPrice: 1m);
            placed++;
        }

        await scenario.PlaceApprovedOrderAsync(quantity: 1, unitPrice: 1m);
        placed++;

        // The views the new generation serves count every one of them.
        await host.Http.EventuallyGetAsync($"api/products/{scenario.Sku}", p => p.GetProperty("available").GetInt32() == Stock - placed, "every reservation is in the product view");
        await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}", c => c.GetProperty("availableCredit").GetDecimal() == Credit - placed, "every reservation is in the customer view");
        await host.Http.EventuallyGetAsync(
            $"api/customers/{scenario.CustomerId}/orders",
            h => h.GetArrayLength() == placed && h.EnumerateArray().All(o => o.GetProperty("status").GetString() == "APPROVED"),
            "every order is in the order history, approved");
        Assert.True(placed > 2, $"only {placed} orders came during the rebuild");
    }

    [Fact]
    public async Task A_rebuild_stopped_part_way_resumes_from_its_saved_progress_and_still_builds_every_view()
    {
        var scenario = new Scenario(host.Aggregates, "rs");
        await scenario.RegisterCustomerAsync(creditLimit: 500m);
        await scenario.AddProductAsync(stock: 20, unitPrice: 5m);
        var orderId = await scenario.PlaceApprovedOrderAsync(quantity: 2, unitPrice: 5m);
        await host.Http.EventuallyGetAsync($"api/orders/{orderId}", o => o.GetProperty("status").GetString() == "APPROVED", "the order view is built");
        var generations = host.Get<ReadModelGenerations>();
        var catalog = host.Get<ProjectionCatalog>();
        var building = (await generations.StartBuildingAsync()).Building;

        // What a run stopped (a function timeout) after the first projection leaves: that projection folded.
        var stopped = new RebuildProgress(building, DateTimeOffset.UtcNow, Projection: 1, ResumeFrom: null, Streams: 1_000, Events: 5_000);
        await host.Get<RebuildProgressRows>().SaveAsync(stopped, CancellationToken.None);
        var resumed = await host.Get<ProjectionRebuilder>().RebuildAsync(building, CancellationToken.None);

        Assert.True(resumed.Switched);
        Assert.True(resumed.Events > stopped.Events && resumed.Streams > stopped.Streams, $"{resumed}: the counts go on from the saved ones");
        // The first projection was not folded again in this run: its rows in the new generation came from
        // the catch-up, which compares every stream with its row and repairs what is missing or behind.
        Assert.Equal("orders", catalog.All[0].Name);
        Assert.True(resumed.CaughtUp >= 1, $"{resumed}");
        var order = await host.Http.GetJsonAsync($"api/orders/{orderId}");
        Assert.Equal(("APPROVED", 10m), (order!.Value.GetProperty("status").GetString(), order.Value.GetProperty("total").GetDecimal()));
        var customer = await host.Http.GetJsonAsync($"api/customers/{scenario.CustomerId}");
        Assert.Equal(490m, customer!.Value.GetProperty("availableCredit").GetDecimal());
    }

    private async Task<(int Current, int Building)> GenerationAsync()
    {
        var generation = (await host.Http.GetJsonAsync("api/projections"))!.Value.GetProperty("generation");
        return (generation.GetProperty("current").GetInt32(), generation.GetProperty("building").GetInt32());
    }

    private async Task<List<string>> SnapshotAsync(IEnumerable<string> paths)
    {
        var bodies = new List<string>();
        foreach (var path in paths)
        {
            var json = await host.Http.GetJsonAsync(path);
            Assert.True(json.HasValue, path + " answered 404");
            bodies.Add(JsonSerializer.Serialize(json.Value));
        }

        return bodies;
    }
}
