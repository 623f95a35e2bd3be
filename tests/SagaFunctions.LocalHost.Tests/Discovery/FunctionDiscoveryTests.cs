using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.LocalHost.Discovery;

namespace SagaFunctions.LocalHost.Tests.Discovery;

public sealed class FunctionDiscoveryTests
{
    private static readonly IReadOnlyList<FunctionDescriptor> AppFunctions = FunctionDiscovery.Discover([typeof(SagaFunctions.App.AppServices).Assembly]);

    [Fact]
    public void Functions_metadata_written_by_the_worker_sdk_lists_every_discovered_function_with_the_same_trigger_and_route()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        var fromSdk = metadata.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)));

        Assert.Equal(fromSdk.Keys.Order(StringComparer.Ordinal), AppFunctions.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var function in AppFunctions)
        {
            var trigger = fromSdk[function.Name];
            Assert.Equal(trigger.GetProperty("type").GetString(), function.Trigger.MetadataType);
            if (function.Trigger.Kind is BindingKind.HttpTrigger)
            {
                Assert.Equal(trigger.GetProperty("route").GetString(), function.TriggerAttribute<HttpTriggerAttribute>().Route);
            }
        }
    }

    [Fact]
    public void A_binding_the_local_host_cannot_run_stops_start_up_naming_the_function_and_the_binding()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionDiscovery.Discover([typeof(UnsupportedBindingFunctions)]));

        Assert.Contains("'WithBlobOutput'", error.Message, StringComparison.Ordinal);
        Assert.Contains("FakeBlobOutput", error.Message, StringComparison.Ordinal);
    }
}

[AttributeUsage(AttributeTargets.Method | AttributeTargets.ReturnValue)]
public sealed class FakeBlobOutputAttribute : Microsoft.Azure.Functions.Worker.Extensions.Abstractions.OutputBindingAttribute;

public static class UnsupportedBindingFunctions
{
    [Function("WithBlobOutput")]
    [FakeBlobOutput]
    public static string WithBlobOutput([QueueTrigger("q")] string message) => message;
}
