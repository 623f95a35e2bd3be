using Azure.Core;
using Azure.Core.Pipeline;

namespace SagaFunctions.EventStore.Tests.Infrastructure;

/// <summary>Counts HTTP requests (table round trips) a client sends.</summary>
public sealed class RequestCountingPolicy : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
