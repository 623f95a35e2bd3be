namespace SagaFunctions.App.Choreography;

/// <summary>
/// Lets the handlers of one order take turns inside this process. The queue trigger runs a batch in
/// parallel, so two copies of one message (at-least-once) could otherwise decide concurrently, and a
/// step that reads availability twice could record two different outcomes. Striped like StreamLocks,
/// but separate from them: a handler holds its order's turn while the aggregates take stream locks.
/// </summary>
public sealed class OrderTurns
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(string orderId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(orderId) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        return new Turn(stripe);
    }

    private sealed class Turn(SemaphoreSlim stripe) : IDisposable
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
