using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SagaFunctions.Infra.Tests;

/// <summary>
/// The cloud app settings cover every setting of local.settings.sample.json (read at test time):
/// the same name, or for a connection its identity-based <c>name__…</c> variants. One documented
/// exception: Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME; the runtime comes from
/// functionAppConfig.runtime instead.
/// </summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed partial class AppSettingsTests(CompiledTemplate template)
{
    private const string WorkerRuntime = "FUNCTIONS_WORKER_RUNTIME";

    // Telemetry settings the cloud adds; not storage secrets (the component has local auth off).
    private static readonly string[] CloudOnlySettings =
    [
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    // Suffixes of identity-based connection settings (Functions "name__property" convention).
    private static readonly string[] IdentityProperties =
    [
        "credential", "clientId", "accountName", "blobServiceUri", "queueServiceUri", "tableServiceUri",
        "serviceUri", "fullyQualifiedNamespace",
    ];

    [GeneratedRegex(@"^\[parameters\('(?<name>\w+)'\)\]$")]
    private static partial Regex ParameterReference();

    private static Dictionary<string, string> SampleSettings()
    {
        var values = JsonNode.Parse(File.ReadAllText(RepoPaths.LocalSettingsSample))?["Values"]?.AsObject()
            ?? throw new InvalidOperationException("local.settings.sample.json has no Values.");
        return values.ToDictionary(v => v.Key, v => v.Value?.ToString() ?? string.Empty, StringComparer.Ordinal);
    }

    /// <summary>A storage connection locally (Azurite connection string): identity-based in the cloud.</summary>
    private static bool IsStorageConnection(string value) =>
        value.StartsWith("UseDevelopmentStorage", StringComparison.Ordinal)
        || value.Contains("AccountName=", StringComparison.Ordinal);

    private static string? ConnectionPrefix(string settingName)
    {
        var split = settingName.LastIndexOf("__", StringComparison.Ordinal);
        return split > 0 && IdentityProperties.Contains(settingName[(split + 2)..]) ? settingName[..split] : null;
    }

    [Fact]
    public void The_sample_settings_file_is_read()
    {
        var sample = SampleSettings();

        Assert.Contains(WorkerRuntime, sample.Keys);
        Assert.Contains("SagaStorage", sample.Keys);
        Assert.True(sample.Count >= 9, $"local.settings.sample.json lists only {sample.Count} settings.");
    }

    [Fact]
    public void Every_sample_setting_is_set_in_the_cloud_by_name_or_by_identity_based_variants()
    {
        var cloud = template.AppSettings;
        var missing = new List<string>();

        foreach (var (name, value) in SampleSettings())
        {
            if (name == WorkerRuntime)
            {
                continue; // The documented exception, checked below.
            }

            if (IsStorageConnection(value))
            {
                if (!cloud.Keys.Any(k => k.StartsWith(name + "__", StringComparison.Ordinal)))
                {
                    missing.Add($"{name}__…");
                }
            }
            else if (!cloud.ContainsKey(name))
            {
                missing.Add(name);
            }
        }

        Assert.True(missing.Count == 0, $"Settings of local.settings.sample.json missing in the template: {string.Join(", ", missing)}");
    }

    [Fact]
    public void FUNCTIONS_WORKER_RUNTIME_is_left_to_functionAppConfig_on_Flex_Consumption()
    {
        var sampleRuntime = SampleSettings()[WorkerRuntime];
        var runtime = template.FunctionApp.Properties["functionAppConfig"]?["runtime"]?["name"]?.GetValue<string>();

        Assert.DoesNotContain(WorkerRuntime, template.AppSettings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", template.AppSettings.Keys);
        Assert.Equal(sampleRuntime, runtime);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("SagaStorage")]
    public void Storage_connections_use_the_managed_identity_for_blobs_queues_and_tables(string connection)
    {
        var cloud = template.AppSettings;

        Assert.True(IsStorageConnection(SampleSettings()[connection]), $"{connection} is no storage connection in the sample.");
        Assert.DoesNotContain(connection, cloud.Keys); // a bare name would be a connection string
        Assert.Equal("managedidentity", cloud.GetValueOrDefault($"{connection}__credential"));
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            var uri = cloud.GetValueOrDefault($"{connection}__{service}ServiceUri") ?? string.Empty;
            Assert.Contains($"primaryEndpoints.{service}", uri, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Service_bus_connection_is_the_fully_qualified_namespace_of_the_deployed_namespace()
    {
        var cloud = template.AppSettings;
        var fqdn = cloud.GetValueOrDefault("ServiceBusConnection__fullyQualifiedNamespace") ?? string.Empty;

        Assert.Contains("reference('serviceBusNamespace').serviceBusEndpoint", fqdn, StringComparison.Ordinal);
        Assert.Equal("managedidentity", cloud.GetValueOrDefault("ServiceBusConnection__credential"));
        Assert.Equal("ServiceBus", cloud.GetValueOrDefault("IntegrationEvents__Transport"));
    }

    [Theory]
    [InlineData("Saga__DefaultStyle")]
    [InlineData("Saga__StepTimeout")]
    [InlineData("Saga__HistoryRetention")]
    [InlineData("ChoreographySweepSchedule")]
    [InlineData("ProjectionSweep__Grace")]
    [InlineData("IntegrationEvents__ServiceBusTopic")]
    public void Cloud_defaults_match_the_local_sample(string setting)
    {
        Assert.Equal(SampleSettings()[setting], CloudDefault(setting));
    }

    [Theory]
    [InlineData("ProjectionSweepSchedule")]
    [InlineData("ChoreographySweepSchedule")]
    public void Timer_schedules_are_six_field_ncrontabs(string setting)
    {
        var schedule = CloudDefault(setting);

        Assert.NotNull(schedule);
        Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Every_cloud_setting_comes_from_the_sample_or_is_telemetry_or_overrides_host_json()
    {
        var sample = SampleSettings();
        var connectionPrefixes = sample.Keys.Select(ConnectionPrefix).OfType<string>()
            .Concat(sample.Where(s => IsStorageConnection(s.Value)).Select(s => s.Key))
            .ToHashSet(StringComparer.Ordinal);

        var strays = template.AppSettings.Keys
            .Where(name => !sample.ContainsKey(name)
                && !CloudOnlySettings.Contains(name)
                && !name.StartsWith(HostOverridesTests.Prefix, StringComparison.Ordinal) // host.json values, checked there
                && !(ConnectionPrefix(name) is { } prefix && connectionPrefixes.Contains(prefix)))
            .ToList();

        Assert.True(strays.Count == 0, $"Settings the app never reads: {string.Join(", ", strays)}");
    }

    [Fact]
    public void Telemetry_authenticates_with_Entra_ID()
    {
        var cloud = template.AppSettings;

        Assert.Equal("Authorization=AAD", cloud.GetValueOrDefault("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.Contains("reference('applicationInsights').ConnectionString", cloud.GetValueOrDefault("APPLICATIONINSIGHTS_CONNECTION_STRING") ?? string.Empty, StringComparison.Ordinal);
    }

    /// <summary>The value a setting gets when main.bicep is deployed with its parameter defaults.</summary>
    private string? CloudDefault(string setting)
    {
        var value = template.AppSettings.GetValueOrDefault(setting);
        var inApi = value is null ? null : ParameterReference().Match(value);
        if (inApi is not { Success: true })
        {
            return value;
        }

        var api = template.Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Name == "api");
        var passed = api.Properties["parameters"]?[inApi.Groups["name"].Value]?["value"]?.ToString();
        var inMain = passed is null ? null : ParameterReference().Match(passed);
        return inMain is { Success: true } ? template.MainParameterDefault(inMain.Groups["name"].Value) : passed;
    }
}
