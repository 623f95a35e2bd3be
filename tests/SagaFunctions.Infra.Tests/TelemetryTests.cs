using System.Text.Json.Nodes;

namespace SagaFunctions.Infra.Tests;

/// <summary>
/// In Azure the Functions host and the worker export OpenTelemetry to the Application Insights the
/// template creates: host.json asks the host for OpenTelemetry output, and the app settings carry the
/// connection string (signed in with the app's managed identity), which the worker reads too.
/// </summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class TelemetryTests(CompiledTemplate template)
{
    private static JsonNode HostJson() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!;

    [Fact]
    public void Host_json_asks_the_functions_host_for_OpenTelemetry_and_the_durable_extension_for_its_distributed_tracing()
    {
        Assert.Equal("OpenTelemetry", HostJson()["telemetryMode"]!.GetValue<string>());
        var tracing = HostJson()["extensions"]!["durableTask"]!["tracing"]!;
        Assert.True(tracing["distributedTracingEnabled"]!.GetValue<bool>());
        Assert.Equal("V2", tracing["version"]!.GetValue<string>());
    }

    [Fact]
    public void The_app_exports_to_the_templates_application_insights_with_its_managed_identity()
    {
        Assert.Equal("[reference('applicationInsights').ConnectionString]", template.AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Contains("Authorization=AAD", template.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", template.AppSettings.Keys);
    }
}
