using System.Text.Json.Nodes;

namespace SagaFunctions.Infra.Tests;

/// <summary>
/// Where the cloud differs from host.json (tuned for Azurite and local work), the template overrides
/// host.json through app settings <c>AzureFunctionsJobHost__&lt;path&gt;</c>, which the Functions host reads as
/// the host.json value at that path: each names a real host.json setting, and the Durable partition
/// count in Azure lets more than two instances run orchestrations.
/// </summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class HostOverridesTests(CompiledTemplate template)
{
    public const string Prefix = "AzureFunctionsJobHost__";

    private static JsonNode HostJson() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!;

    [Fact]
    public void Every_override_names_a_setting_host_json_has()
    {
        var overrides = template.AppSettings.Keys.Where(k => k.StartsWith(Prefix, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(overrides);
        foreach (var name in overrides)
        {
            JsonNode? node = HostJson();
            foreach (var segment in name[Prefix.Length..].Split("__"))
            {
                node = node?[segment];
            }

            Assert.True(node is not null, $"{name} overrides nothing host.json sets.");
        }
    }

    [Fact]
    public void The_cloud_task_hub_has_more_partitions_than_the_local_one()
    {
        var local = HostJson()["extensions"]!["durableTask"]!["storageProvider"]!["partitionCount"]!.GetValue<int>();
        var cloud = int.Parse(template.MainParameterDefault("durablePartitionCount")!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(2, local);
        Assert.InRange(cloud, 4, 16);
        Assert.Contains("parameters('durablePartitionCount')", template.AppSettings[Prefix + "extensions__durableTask__storageProvider__partitionCount"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_cloud_sets_its_function_timeout_and_its_durable_polling()
    {
        Assert.Equal("00:30:00", template.MainParameterDefault("functionTimeout"));
        Assert.Equal("00:00:05", template.MainParameterDefault("durableMaxQueuePollingInterval"));
        Assert.Contains(Prefix + "functionTimeout", template.AppSettings.Keys);
        Assert.Contains(Prefix + "extensions__durableTask__storageProvider__maxQueuePollingInterval", template.AppSettings.Keys);
    }
}
