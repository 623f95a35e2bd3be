namespace SagaFunctions.Benchmarks.Infrastructure;

/// <summary>
/// The app as several host processes on one storage, grouped as Flex Consumption scales it (each member
/// a <c>--functions</c> selection): driven through the first member that runs the HTTP group, its
/// working set the sum of all members' sampled together.
/// </summary>
internal sealed class HostGroup(IReadOnlyList<(string Functions, HostChildProcess Host)> members) : IHostUnderTest
{
    public HttpClient Http => members.First(m => m.Functions == "http").Host.Http;

    public string Output => string.Join(Environment.NewLine, members.Select(m => $"== {m.Functions}{Environment.NewLine}{m.Host.Output}"));

    /// <summary>Starts a member per group and replica (<c>group*replicas;…</c>) side by side.</summary>
    public static async Task<HostGroup> StartAsync(string storageConnection, string taskHub, string hostJson, string topology)
    {
        var groups = topology.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(g => g.Split('*') is [var functions, var replicas] ? Enumerable.Repeat(functions, int.Parse(replicas, System.Globalization.CultureInfo.InvariantCulture)) : [g])
            .ToList();
        var started = await Task.WhenAll(groups.Select(functions => HostChildProcess.StartAsync(storageConnection, taskHub, hostJson, true, [], ["--functions", functions])));
        return new HostGroup([.. groups.Zip(started)]);
    }

    public async Task<long> PeakWorkingSetAsync(CancellationToken stop)
    {
        long Sum() => members.Sum(m => m.Host.WorkingSet());
        var peak = Sum();
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, Sum());
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return Math.Max(peak, Sum());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, host) in members)
        {
            await host.DisposeAsync();
        }
    }
}
