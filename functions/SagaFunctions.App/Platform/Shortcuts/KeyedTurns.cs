namespace SagaFunctions.App.Platform.Shortcuts;

/// <summary>
/// Lets the callers of one key (a stream's writers, a stream's projection passes, an order's
/// choreography handlers) take turns inside this process, so that 50 concurrent saga steps on one
/// customer queue up instead of conflicting and re-reading 50 times over. Only a speed-up: every
/// guarantee is kept across processes by the stores themselves (optimistic concurrency on a stream's
/// head, ETags on rows, insert-if-absent decisions), and with <see cref="InProcessShortcuts"/> off
/// nobody waits here at all. Striped: a fixed set of locks, so memory stays bounded whatever the
/// number of keys. Two users nest their turns (a handler's turn, then its writers'), so each has an
/// instance of its own: a stripe is not re-entrant.
/// </summary>
public sealed class KeyedTurns(InProcessShortcuts shortcuts)
{
    private static readonly IDisposable NoTurn = new Release(null);

    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        if (!shortcuts.Enabled)
        {
            return NoTurn;
        }

        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim? stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (stripe is not null && Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
