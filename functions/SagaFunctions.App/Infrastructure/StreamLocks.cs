namespace SagaFunctions.App.Infrastructure;

/// <summary>
/// Queues the writers of one stream inside this process, so that 50 concurrent saga steps on
/// one customer take turns instead of conflicting and re-reading 50 times over. Optimistic
/// concurrency on the stream's head still guards against writers in other processes.
/// Striped: a fixed set of locks, so memory stays bounded whatever the number of streams.
/// </summary>
public sealed class StreamLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(string streamId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(streamId) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
