using System.Globalization;
using System.Text.Json.Nodes;

namespace SagaFunctions.LocalHost.Configuration;

/// <summary>
/// The parts of host.json the local host honours, with the Functions host's defaults where
/// host.json is silent, so the same file tunes the app in Azure and here.
/// </summary>
public sealed record HostJsonSettings
{
    public string RoutePrefix { get; init; } = "api";

    public string HubName { get; init; } = "SagaHub";

    public DurableSettings Durable { get; init; } = new();

    public QueueSettings Queues { get; init; } = new();

    public static HostJsonSettings Load(string path)
    {
        if (!File.Exists(path))
        {
            return new HostJsonSettings();
        }

        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })
            ?? throw new InvalidOperationException($"{path} is empty.");
        var extensions = Child(root, "extensions");
        var http = Child(extensions, "http");
        var durable = Child(extensions, "durableTask");
        var provider = Child(durable, "storageProvider");
        var queues = Child(extensions, "queues");
        var defaults = new HostJsonSettings();

        return new HostJsonSettings
        {
            RoutePrefix = String(http, "routePrefix") ?? defaults.RoutePrefix,
            HubName = String(durable, "hubName") ?? defaults.HubName,
            Durable = new DurableSettings
            {
                PartitionCount = Int(provider, "partitionCount") ?? defaults.Durable.PartitionCount,
                MaxQueuePollingInterval = Time(provider, "maxQueuePollingInterval") ?? defaults.Durable.MaxQueuePollingInterval,
                ControlQueueBatchSize = Int(provider, "controlQueueBatchSize") ?? defaults.Durable.ControlQueueBatchSize,
                ControlQueueBufferThreshold = Int(provider, "controlQueueBufferThreshold") ?? defaults.Durable.ControlQueueBufferThreshold,
                MaxConcurrentActivityFunctions = Int(durable, "maxConcurrentActivityFunctions") ?? defaults.Durable.MaxConcurrentActivityFunctions,
                MaxConcurrentOrchestratorFunctions = Int(durable, "maxConcurrentOrchestratorFunctions") ?? defaults.Durable.MaxConcurrentOrchestratorFunctions,
                ExtendedSessionsEnabled = Bool(durable, "extendedSessionsEnabled") ?? defaults.Durable.ExtendedSessionsEnabled,
                ExtendedSessionIdleTimeout = Seconds(durable, "extendedSessionIdleTimeoutInSeconds") ?? defaults.Durable.ExtendedSessionIdleTimeout,
                WorkItemQueueVisibilityTimeout = Time(provider, "workItemQueueVisibilityTimeout") ?? defaults.Durable.WorkItemQueueVisibilityTimeout,
                ControlQueueVisibilityTimeout = Time(provider, "controlQueueVisibilityTimeout") ?? defaults.Durable.ControlQueueVisibilityTimeout,
            },
            Queues = new QueueSettings
            {
                MaxDequeueCount = Int(queues, "maxDequeueCount") ?? defaults.Queues.MaxDequeueCount,
                VisibilityTimeout = Time(queues, "visibilityTimeout") ?? defaults.Queues.VisibilityTimeout,
                MaxPollingInterval = Time(queues, "maxPollingInterval") ?? defaults.Queues.MaxPollingInterval,
                BatchSize = Int(queues, "batchSize") ?? defaults.Queues.BatchSize,
                NewBatchThreshold = Int(queues, "newBatchThreshold"),
                MessageEncoding = String(queues, "messageEncoding") ?? defaults.Queues.MessageEncoding,
            },
        };
    }

    private static JsonNode? Child(JsonNode? node, string name) =>
        node is JsonObject o ? o.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value : null;

    private static string? String(JsonNode? node, string name) => Child(node, name)?.ToString();

    private static int? Int(JsonNode? node, string name) =>
        String(node, name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : null;

    private static bool? Bool(JsonNode? node, string name) =>
        String(node, name) is { } s ? bool.Parse(s) : null;

    private static TimeSpan? Time(JsonNode? node, string name) =>
        String(node, name) is { } s ? TimeSpan.Parse(s, CultureInfo.InvariantCulture) : null;

    private static TimeSpan? Seconds(JsonNode? node, string name) =>
        Int(node, name) is { } s ? TimeSpan.FromSeconds(s) : null;
}

/// <summary>Durable Task settings (host.json <c>extensions.durableTask</c>), Durable Functions' defaults.</summary>
public sealed record DurableSettings
{
    public int PartitionCount { get; init; } = 4;

    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(30);

    public int ControlQueueBatchSize { get; init; } = 32;

    public int ControlQueueBufferThreshold { get; init; } = 128;

    public int MaxConcurrentActivityFunctions { get; init; } = 10 * Environment.ProcessorCount;

    public int MaxConcurrentOrchestratorFunctions { get; init; } = 10 * Environment.ProcessorCount;

    public bool ExtendedSessionsEnabled { get; init; }

    public TimeSpan ExtendedSessionIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool FetchLargeMessagesAutomatically { get; init; } = true;

    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>Queue trigger settings (host.json <c>extensions.queues</c>), the Queues extension's defaults.</summary>
public sealed record QueueSettings
{
    public int MaxDequeueCount { get; init; } = 5;

    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    public int BatchSize { get; init; } = 16;

    /// <summary>Fetch the next batch once this few messages are still running (null: half a batch, as the extension does).</summary>
    public int? NewBatchThreshold { get; init; }

    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? (BatchSize / 2);

    public string MessageEncoding { get; init; } = "base64";
}
