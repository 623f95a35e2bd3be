using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SagaFunctions.EventStore.Tests.Infrastructure;

/// <summary>Counts HTTP requests (table round trips) a client sends, and keeps their URIs.</summary>
public sealed class RequestCountingPolicy : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _uris = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The request URIs (unescaped), in the order they were sent.</summary>
    public IReadOnlyList<string> Uris => [.. _uris];

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        _uris.Clear();
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref _count);
        _uris.Enqueue(Uri.UnescapeDataString(message.Request.Uri.ToString()));
    }
}
