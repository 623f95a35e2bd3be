using System.Text;

namespace SagaFunctions.Benchmarks.Infrastructure;

/// <summary>
/// Counts the requests Azurite served (blob, queue and table: a table batch is one request, as it is
/// one billed transaction) from its <c>--debug</c> log: one "StorageContextMiddleware: RequestMethod="
/// line per incoming request. Reads on from where the last count stopped.
/// </summary>
internal sealed class AzuriteRequestLog(string path)
{
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("StorageContextMiddleware: RequestMethod=");
    private long _offset;
    private long _total;

    public string Path { get; } = path;

    /// <summary>Every request counted so far, reading what was appended since the last call.</summary>
    public async Task<long> TotalAsync()
    {
        if (!File.Exists(Path))
        {
            return _total;
        }

        // The log is written asynchronously: give it a moment to flush what was just served.
        await Task.Delay(300);
        await using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        stream.Seek(_offset, SeekOrigin.Begin);
        var buffer = new byte[1 << 20];
        var carry = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(carry, buffer.Length - carry))) > 0)
        {
            var span = buffer.AsSpan(0, carry + read);
            var lastNewline = span.LastIndexOf((byte)'\n');
            if (lastNewline < 0)
            {
                if (span.Length == buffer.Length)
                {
                    _offset += span.Length; // A single huge line: skip it.
                    carry = 0;
                }
                else
                {
                    carry = span.Length;
                }

                continue;
            }

            var complete = span[..(lastNewline + 1)];
            _total += Count(complete);
            _offset += complete.Length;
            var rest = span[(lastNewline + 1)..];
            rest.CopyTo(buffer);
            carry = rest.Length;
        }

        return _total;
    }

    /// <summary>
    /// The total once fewer than <paramref name="quietPerSecond"/> requests a second come in (or
    /// <paramref name="limit"/> has passed), and how long that took. A run's last visible result can
    /// come before all the work it caused has reached storage (other streams' projections,
    /// integration events, Azurite writing its log behind under load): those requests are the run's.
    /// </summary>
    public async Task<(long Total, TimeSpan Waited)> QuietTotalAsync(double quietPerSecond, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var total = await TotalAsync();
        while (clock.Elapsed < limit)
        {
            var mark = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(1));
            var next = await TotalAsync();
            var rate = (next - total) / (clock.Elapsed - mark).TotalSeconds;
            total = next;
            if (rate < quietPerSecond)
            {
                break;
            }
        }

        return (total, clock.Elapsed);
    }

    private static long Count(ReadOnlySpan<byte> text)
    {
        long count = 0;
        int index;
        while ((index = text.IndexOf(Marker)) >= 0)
        {
            count++;
            text = text[(index + Marker.Length)..];
        }

        return count;
    }
}
