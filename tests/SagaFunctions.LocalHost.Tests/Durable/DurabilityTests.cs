using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using SagaFunctions.LocalHost.Tests.Hosting;
using SagaFunctions.LocalHost.Tests.Probes;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Durable;

[Collection(ProbeHostCollectionDefinition.Name)]
public sealed class DurabilityTests(ProbeHostFixture fixture)
{
    private static readonly string ProbeType = LocalHostProcess.TypeArgument(typeof(ProbeFunctions));

    [Fact]
    public async Task Host_process_killed_mid_activity_resumes_on_a_new_process_with_each_effect_applied_once()
    {
        var hub = AzuriteFixture.UniqueName("durability");
        // A short work-item lease so the interrupted activity is handed out again soon.
        var hostJson = WriteHostJson("""
            { "version": "2.0", "extensions": { "http": { "routePrefix": "api" }, "durableTask": { "storageProvider": {
              "workItemQueueVisibilityTimeout": "00:00:05", "maxQueuePollingInterval": "00:00:01" } } } }
            """);
        var table = new TableClient(fixture.Azurite.ConnectionString, ProbeFunctions.EffectsTable);

        string instanceId;
        await using (var first = await LocalHostProcess.StartAsync(fixture.Azurite.ConnectionString, hub, hostJson, ProbeType))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            var started = await http.PostAsync(new Uri("/api/probes/3?block=true", UriKind.Relative), null);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
            instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            await Eventually.TrueAsync(
                async () => (await table.GetEntityIfExistsAsync<TableEntity>(instanceId, "reached")).HasValue,
                "step 2 applied its effect and hangs");
        } // killed here, mid-activity

        await using var second = await LocalHostProcess.StartAsync(fixture.Azurite.ConnectionString, hub, hostJson, ProbeType);
        using var http2 = new HttpClient { BaseAddress = second.BaseAddress };
        JsonElement status = default;
        await Eventually.TrueAsync(
            async () =>
            {
                status = await http2.GetFromJsonAsync<JsonElement>(new Uri($"/api/probes/{instanceId}", UriKind.Relative));
                return status.GetProperty("status").GetString() is "Completed" or "Failed" or "Terminated";
            },
            "the orchestration finished on the new host",
            TimeSpan.FromMinutes(3));

        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.Equal("6", status.GetProperty("output").GetString());
        var counter = (await table.GetEntityAsync<TableEntity>(instanceId, "counter")).Value;
        Assert.Equal(3, counter.GetInt32("Value"));
        Assert.True(await ProbeFunctions.CountAsync(table, instanceId, "attempt-2-") >= 2, "step 2 should have run again on the new host");
    }

    private static string WriteHostJson(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "sagafunctions-tests", Guid.NewGuid().ToString("N") + ".host.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }
}
