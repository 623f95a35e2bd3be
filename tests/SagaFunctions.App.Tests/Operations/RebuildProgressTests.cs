using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Operations;

/// <summary><c>GET /api/operations/rebuild</c>, what the console's progress bar reads, during and after a rebuild.</summary>
[Collection(ReadSideHostDefinition.Name)]
public sealed class RebuildProgressTests(ReadSideHost host)
{
    [Fact]
    public async Task The_rebuild_under_way_is_shown_with_its_generation_and_its_progress_is_gone_once_it_switched()
    {
        var scenario = new Scenario(host.Aggregates);
        await scenario.RegisterCustomerAsync();
        await scenario.AddProductAsync();
        await scenario.PlaceApprovedOrderAsync(quantity: 1);

        using var start = await host.Http.PostAsync(new Uri("api/projections/rebuild", UriKind.Relative), null);
        start.EnsureSuccessStatusCode();
        var building = (await host.Http.GetJsonAsync("api/operations/rebuild"))!.Value;
        var generation = building.GetProperty("generation").GetProperty("building").GetInt32();
        Assert.True(generation > 1, building.ToString());
        Assert.Equal(4, building.GetProperty("projections").GetInt32());

        var done = await host.Http.EventuallyGetAsync("api/operations/rebuild", r => r.GetProperty("generation").GetProperty("building").GetInt32() == 0, "the rebuild switched");
        Assert.True(done.GetProperty("generation").GetProperty("current").GetInt32() >= generation);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, done.GetProperty("progress").ValueKind);
    }
}
