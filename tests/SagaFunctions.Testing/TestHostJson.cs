using System.Text.Json.Nodes;

namespace SagaFunctions.Testing;

/// <summary>Copies of the repository's host.json (copied next to each test assembly) with test settings.</summary>
public static class TestHostJson
{
    /// <summary>
    /// Writes the host.json with queue retries made quick (so poison tests finish fast), changed
    /// further by <paramref name="adjust"/>, to a file of its own; returns its path.
    /// </summary>
    public static string Write(Action<JsonNode>? adjust = null)
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))!;
        var queues = hostJson["extensions"]!["queues"]!;
        queues["maxDequeueCount"] = 3;
        queues["visibilityTimeout"] = "00:00:00.200";
        queues["maxPollingInterval"] = "00:00:00.500";
        adjust?.Invoke(hostJson);
        var path = Path.Combine(Path.GetTempPath(), "sagafunctions-tests", Guid.NewGuid().ToString("N") + ".host.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, hostJson.ToJsonString());
        return path;
    }

    /// <summary>The test host.json (<see cref="Write"/>) with the durable leases a crash test needs.</summary>
    public static string WithDurableLeases(string workItemLease = "00:00:10", string? controlQueueLease = null) =>
        Write(hostJson =>
        {
            var provider = hostJson["extensions"]!["durableTask"]!["storageProvider"]!;
            // A killed host's running activities are handed out again after this lease.
            provider["workItemQueueVisibilityTimeout"] = workItemLease;
            // A killed host's fetched but unprocessed orchestration messages (an activity's answer, a
            // start, an event) come back after this lease.
            if (controlQueueLease is not null)
            {
                provider["controlQueueVisibilityTimeout"] = controlQueueLease;
            }
        });
}
