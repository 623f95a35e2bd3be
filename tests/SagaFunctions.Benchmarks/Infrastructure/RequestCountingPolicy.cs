using Azure.Core;
using Azure.Core.Pipeline;

namespace SagaFunctions.Benchmarks.Infrastructure;

/// <summary>Counts HTTP requests (storage round trips) a client sends; add it per retry to count retries too.</summary>
internal sealed class RequestCountingPolicy : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
