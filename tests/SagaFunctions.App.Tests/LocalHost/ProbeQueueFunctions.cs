using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace SagaFunctions.App.Tests.LocalHost;

public sealed record ProbeMessage(string Id, bool Fail);

/// <summary>A test-only queue trigger: records each message, or fails on purpose.</summary>
public sealed class ProbeQueueFunctions(IConfiguration configuration)
{
    public const string QueueName = "probe-work";
    public const string SeenTable = "ProbeSeen";

    [Function(nameof(ProbeQueue))]
    public async Task ProbeQueue([QueueTrigger(QueueName, Connection = "SagaStorage")] ProbeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = new TableClient(configuration["SagaStorage"], SeenTable);
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity(message.Id, Guid.NewGuid().ToString("N")));
        if (message.Fail)
        {
            throw new InvalidOperationException($"Probe message {message.Id} fails on purpose.");
        }
    }
}
