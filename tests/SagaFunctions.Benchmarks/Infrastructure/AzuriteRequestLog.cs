using System.Text;

namespace SagaFunctions.Benchmarks.Infrastructure;

/// <summary>
/// Counts the requests Azurite served (blob, queue and table: a table batch is one request, as it is
/// one billed transaction) from its <c>--debug</c> log: one "StorageContextMiddleware: RequestMethod="
/// line per incoming request. Reads on from where the last count stopped. Also counts them by the
/// application id that heads the request's User-Agent (<see cref="BySource"/>): the app's clients set
/// one, the durable backend's do not.
/// </summary>
internal sealed class AzuriteRequestLog(string path)
{
    /// <summary>The source of requests whose User-Agent names no application (the Azure SDK's own first).</summary>
    public const string Unnamed = "";

    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("StorageContextMiddleware: RequestMethod=");
    private static readonly byte[] UserAgent = Encoding.ASCII.GetBytes("\"user-agent\":\"");
    private static readonly byte[] SdkPrefix = Encoding.ASCII.GetBytes("azsdk-");
    private readonly Dictionary<string, long> _bySource = new(StringComparer.Ordinal);
    private long _offset;
    private long _total;

    public string Path { get; } = path;

    /// <summary>The requests counted so far by application id (<see cref="Unnamed"/>: none), as of the last count.</summary>
    public IReadOnlyDictionary<string, long> BySource => new Dictionary<string, long>(_bySource, StringComparer.Ordinal);

    /// <summary>The requests counted so far by source, reading what was appended since the last call.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountBySourceAsync()
    {
        await TotalAsync();
        return BySource;
    }

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

    private long Count(ReadOnlySpan<byte> text)
    {
        long count = 0;
        int index;
        while ((index = text.IndexOf(Marker)) >= 0)
        {
            count++;
            text = text[(index + Marker.Length)..];
            var line = text.IndexOf((byte)'\n') is var end and >= 0 ? text[..end] : text;
            var source = SourceOf(line);
            _bySource[source] = _bySource.GetValueOrDefault(source) + 1;
        }

        return count;
    }

    /// <summary>The application id heading the line's User-Agent header, if any.</summary>
    private static string SourceOf(ReadOnlySpan<byte> line)
    {
        var at = line.IndexOf(UserAgent);
        if (at < 0)
        {
            return Unnamed;
        }

        var agent = line[(at + UserAgent.Length)..];
        var token = agent[..Math.Max(0, agent.IndexOfAny((byte)' ', (byte)'"'))];
        return token.StartsWith(SdkPrefix) ? Unnamed : Encoding.ASCII.GetString(token);
    }
}
