using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SagaFunctions.LocalHost.Tests.Hosting;
using SagaFunctions.LocalHost.Tests.Probes;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Durable;

/// <summary>
/// The durable client and worker share one gRPC channel to the sidecar, which listens only once the
/// web server has started. A connection tried before that is refused, and the channel then fails every
/// call at once until its reconnect backoff ends: a first POST that starts an orchestration answered
/// 500. Nothing in the host may dial the sidecar before it listens.
/// </summary>
[Collection(ProbeHostCollectionDefinition.Name)]
public sealed class SidecarStartTests(ProbeHostFixture fixture)
{
    [Fact]
    public async Task An_orchestration_starts_on_the_first_request_and_runs_even_when_the_server_binds_late()
    {
        await using var host = await LocalHostProcess.StartAsync(
            fixture.Azurite.ConnectionString, AzuriteFixture.UniqueName("latebind"), TestHostJson.Write(), new Dictionary<string, string>(),
            ["--functions-type", LocalHostProcess.TypeArgument(typeof(ProbeFunctions)), "--configure-services", SlowServerStart.TypeName]);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var started = await http.PostAsync(new Uri("/api/probes/1", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        // The worker, started after the server, takes the orchestration and its activity.
        await Eventually.TrueAsync(
            async () => (await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/probes/{id}", UriKind.Relative))).GetProperty("status").GetString() == "Completed",
            "the probe orchestration completed");
    }
}
