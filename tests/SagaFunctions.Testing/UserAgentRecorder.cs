using Azure.Core;
using Azure.Core.Pipeline;

namespace SagaFunctions.Testing;

/// <summary>A pipeline policy for Azure SDK clients that records the User-Agent of each request it sees.</summary>
public sealed class UserAgentRecorder : HttpPipelineSynchronousPolicy
{
    private readonly List<string> _agents = [];

    public IReadOnlyList<string> Agents
    {
        get
        {
            lock (_agents)
            {
                return [.. _agents];
            }
        }
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.TryGetValue("User-Agent", out var agent);
        lock (_agents)
        {
            _agents.Add(agent ?? "");
        }
    }
}
