using System.Net.Http.Json;
using System.Text.Json;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.ReadSide;

/// <summary>
/// <c>GET /api/projections</c> answers from storage, so a process that runs only the HTTP group (as
/// in Azure) sees what the projection process does: pending markers while nothing projects, then the
/// passes' lag and counts once a projection process runs. On an Azurite of its own: another host's
/// projection listener on the same storage would take the notification and clear the marker first.
/// </summary>
public sealed class DiagnosticsFromStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_http_only_process_shows_the_markers_pending_and_then_what_another_process_projected()
    {
        await using var cluster = new ClusterOnAzurite(azurite.ConnectionString, AzuriteFixture.UniqueName("diag"), ClusterOnAzurite.QuickHostJson(), ClusterOnAzurite.QuickSettings());
        var web = (await cluster.StartAsync("http"))[0];
        using var http = new HttpClient { BaseAddress = web.BaseAddress };

        // Nothing projects yet: the customer's append leaves a marker that every instance can see.
        var created = await http.PostAsJsonAsync("/api/customers", new { name = "Ada", creditLimit = 50m });
        var customerId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString()!;
        var pending = await StatusAsync(http);
        Assert.True(Table(pending, "CustomerEvents").GetProperty("pendingMarkers").GetInt32() >= 1, pending.ToString());

        await cluster.StartAsync("ProjectStream,timers");
        await Eventually.TrueAsync(async () =>
        {
            var status = await StatusAsync(http);
            var customers = status.GetProperty("projections").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "customers");
            return customers.GetProperty("eventsApplied").GetInt64() >= 1
                && customers.GetProperty("lastAppliedEventAt").ValueKind == JsonValueKind.String
                && Table(status, "CustomerEvents").GetProperty("pendingMarkers").GetInt32() == 0;
        }, "the HTTP process shows what the projection process applied, and no marker left", TimeSpan.FromSeconds(60));

        var view = await http.GetFromJsonAsync<JsonElement>($"/api/customers/{customerId}");
        Assert.Equal(50m, view.GetProperty("availableCredit").GetDecimal());
        Assert.Equal(JsonValueKind.Array, (await StatusAsync(http)).GetProperty("poisonQueues").ValueKind);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient http) => await http.GetFromJsonAsync<JsonElement>("/api/projections");

    private static JsonElement Table(JsonElement status, string table) =>
        status.GetProperty("eventTables").EnumerateArray().Single(t => t.GetProperty("table").GetString()!.EndsWith(table, StringComparison.Ordinal));
}
