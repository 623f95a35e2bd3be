using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Operations.Retention;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Operations;

/// <summary>The retention timer's pass with a short retention, on the real durable backend.</summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class HistoryRetentionTests(AppHostFixture app)
{
    private readonly SagaDriver _driver = new(app);

    [Fact]
    public async Task A_short_retention_purges_finished_sagas_history_keeps_running_ones_and_queries_still_answer()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var finished = await _driver.PlaceOrderAsync(customer, [(sku, 1)]);
        await _driver.WaitForFinalOrderAsync(finished);
        var key = Guid.NewGuid().ToString("N");
        using var hold = app.Holds.Hold(SagaStep.ReserveStock, SagaDriver.OrderIdFor(customer, key));
        var running = await _driver.PlaceOrderAsync(customer, [(sku, 1)], key: key);
        await hold.Reached;
        // The timer function as the host runs it, with Saga:HistoryRetention of one second.
        var settings = new ConfigurationBuilder().AddInMemoryCollection([new(HistoryRetention.RetentionSetting, "00:00:01")]).Build();
        var retention = ActivatorUtilities.CreateInstance<HistoryRetention>(app.Host.Services, (IConfiguration)settings);
        Assert.Equal(TimeSpan.FromSeconds(1), retention.Retention);

        await Eventually.TrueAsync(async () => await retention.PurgeAsync(app.Durable, CancellationToken.None) >= 0 && await app.Durable.GetInstanceAsync(finished) is null,
            "the finished saga's history is purged once it is older than the retention");

        Assert.False((await app.Durable.GetInstanceAsync(running))!.IsCompleted); // running: kept
        await app.Http.EventuallyGetAsync($"/api/orders/{finished}", o => o.GetProperty("status").GetString() == "APPROVED", "the order view answers");
        Assert.NotNull(await app.Http.GetJsonAsync($"/api/orders/{finished}/events"));
        await new OperatorClient(app.Http).EventuallyListedAsync(customer, new Dictionary<string, string> { [finished] = "APPROVED", [running] = "PENDING" });
        hold.Release();
        Assert.Equal("APPROVED", (await _driver.WaitForFinalOrderAsync(running)).Status);
    }

    [Fact]
    public void The_default_retention_is_days_not_minutes()
    {
        var retention = ActivatorUtilities.CreateInstance<HistoryRetention>(app.Host.Services, (IConfiguration)new ConfigurationBuilder().Build());

        Assert.Equal(TimeSpan.FromDays(30), retention.Retention);
    }
}
