using Azure.Data.Tables;
using SagaFunctions.LocalHost.Tests.Hosting;
using SagaFunctions.LocalHost.Tests.Probes;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Triggers;

/// <summary>Timers fire once per schedule across host processes, as the Functions host's singleton listener lease makes them.</summary>
[Collection(ProbeHostCollectionDefinition.Name)]
public sealed class TimerSingletonTests(ProbeHostFixture fixture)
{
    [Fact]
    public async Task Two_processes_running_a_timer_fire_each_tick_once_and_the_other_takes_over_when_the_holder_dies()
    {
        var table = AzuriteFixture.UniqueName("ticks");
        var settings = new Dictionary<string, string>(ClusterOnAzurite.QuickSettings()) { ["TickProbe__Table"] = table };
        await using var cluster = new ClusterOnAzurite(fixture.Azurite.ConnectionString, AzuriteFixture.UniqueName("timers"), ClusterOnAzurite.QuickHostJson(), settings);
        var both = await cluster.StartAsync("Tick", replicas: 2, ["--no-app-functions", "--functions-type", TickProbe.TypeName]);

        var ticks = new TableClient(fixture.Azurite.ConnectionString, table);
        await Eventually.TrueAsync(async () => (await ReadAsync(ticks)).Count >= 5, "five ticks fired");
        var holder = (await ReadAsync(ticks)).Last().ProcessId;
        await cluster.KillAsync(both.Single(p => p.ProcessId == holder));
        await Eventually.TrueAsync(async () => (await ReadAsync(ticks)).Any(t => t.ProcessId != holder), "the other process took the lease over", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => (await ReadAsync(ticks)).Count(t => t.ProcessId != holder) >= 3, "the other process fired three ticks");

        var fired = await ReadAsync(ticks);
        var twice = fired.GroupBy(t => t.Tick).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"ticks fired by both processes: {string.Join(", ", twice)}");
        Assert.Equal(2, fired.Select(t => t.ProcessId).Distinct().Count());
        Assert.True(fired.TakeWhile(t => t.ProcessId == holder).Count() >= 5, "the first holder ran alone until it died");
    }

    private static async Task<List<(string Tick, int ProcessId)>> ReadAsync(TableClient ticks)
    {
        var fired = new List<(string, int)>();
        try
        {
            await foreach (var row in ticks.QueryAsync<TableEntity>())
            {
                fired.Add((row.PartitionKey, row.GetInt32("ProcessId") ?? 0));
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No tick yet: the table is made by the first one.
        }

        return [.. fired.OrderBy(t => t.Item1, StringComparer.Ordinal)];
    }
}
