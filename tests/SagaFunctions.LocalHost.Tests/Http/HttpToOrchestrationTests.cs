using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SagaFunctions.LocalHost.Tests.Hosting;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Http;

[Collection(ProbeHostCollectionDefinition.Name)]
public sealed class HttpToOrchestrationTests(ProbeHostFixture fixture)
{
    [Fact]
    public async Task Http_trigger_starts_an_orchestration_whose_activities_run_and_whose_status_is_readable_over_http()
    {
        var started = await fixture.Http.PostAsync(new Uri("/api/probes/3", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal($"/api/probes/{id}", started.Headers.Location?.OriginalString);

        JsonElement status = default;
        await Eventually.TrueAsync(async () =>
        {
            status = await fixture.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/probes/{id}", UriKind.Relative));
            return status.GetProperty("status").GetString() == "Completed";
        }, "the probe orchestration completed");

        Assert.Equal("6", status.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Route_constraints_apply_like_in_the_functions_host()
    {
        var response = await fixture.Http.PostAsync(new Uri("/api/probes/not-a-number", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
