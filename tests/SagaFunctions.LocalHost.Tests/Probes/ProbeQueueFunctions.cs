using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Probes;

public sealed record ProbeMessage(string Id, bool Fail, int DelayMs = 0);

/// <summary>A test-only queue trigger: records each message, takes its time when asked, or fails on purpose.</summary>
public sealed class ProbeQueueFunctions(IConfiguration configuration)
{
    public static readonly string TypeName = LocalHostProcess.TypeArgument(typeof(ProbeQueueFunctions));

    /// <summary>The queue the assembly's host listens on; a host process of a test gets one of its own (setting <c>ProbeQueue:Name</c>).</summary>
    public const string QueueName = "probe-work";
    public const string QueueSetting = "ProbeQueue:Name";
    public const string SeenTable = "ProbeSeen";

    [Function(nameof(ProbeQueue))]
    public async Task ProbeQueue([QueueTrigger("%" + QueueSetting + "%", Connection = "SagaStorage")] ProbeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = new TableClient(configuration["SagaStorage"], SeenTable);
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity(message.Id, Guid.NewGuid().ToString("N")));
        await Task.Delay(message.DelayMs);
        if (message.Fail)
        {
            throw new InvalidOperationException($"Probe message {message.Id} fails on purpose.");
        }
    }
}
