namespace SagaFunctions.Testing;

/// <summary>
/// The app spread over host processes on one Azurite and one task hub, as Flex Consumption spreads
/// it: each process runs a group of functions (<c>--functions</c>). A test kills and starts members
/// as instances come and go in Azure. Every member gets the same settings.
/// </summary>
public sealed class ClusterOnAzurite(string storageConnection, string hub, string hostJson, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private readonly List<(string Functions, LocalHostProcess Process)> _members = [];
    private readonly Lock _gate = new();

    public string Hub => hub;

    /// <summary>The settings a test cluster runs with: quick sweeps and timer leases, short step timeout.</summary>
    public static Dictionary<string, string> QuickSettings() => new()
    {
        ["Saga__StepTimeout"] = "00:00:20",
        ["ChoreographySweepSchedule"] = "*/2 * * * * *",
        ["ProjectionSweepSchedule"] = "*/2 * * * * *",
        ["ProjectionSweep__Grace"] = "00:00:05",
        ["Projections__StatsFlushInterval"] = "00:00:01",
        ["LocalHost__SingletonLeasePeriod"] = "00:00:15",
        ["LocalHost__SingletonRetryInterval"] = "00:00:02",
    };

    /// <summary>The repository's host.json with leases short enough that a killed member's work comes back soon.</summary>
    public static string QuickHostJson() => TestHostJson.WithDurableLeases(workItemLease: "00:00:15", controlQueueLease: "00:00:15");

    public IReadOnlyList<(string Functions, LocalHostProcess Process)> Members
    {
        get
        {
            lock (_gate)
            {
                return [.. _members];
            }
        }
    }

    /// <summary>Processes that run <paramref name="functions"/> (a group or names), started side by side.</summary>
    public async Task<IReadOnlyList<LocalHostProcess>> StartAsync(string functions, int replicas = 1, IEnumerable<string>? extraArguments = null)
    {
        var started = await Task.WhenAll(Enumerable.Range(0, replicas).Select(_ =>
            LocalHostProcess.StartAsync(storageConnection, hub, hostJson, settings, ["--functions", functions, .. extraArguments ?? []])));
        lock (_gate)
        {
            _members.AddRange(started.Select(p => (functions, p)));
        }

        return started;
    }

    /// <summary>Kills the member outright (a crash, a scale-in) and forgets it.</summary>
    public async Task KillAsync(LocalHostProcess member)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (_gate)
        {
            _members.RemoveAll(m => m.Process == member);
        }

        await member.DisposeAsync();
    }

    /// <summary>The base addresses of the members that run the HTTP group.</summary>
    public IReadOnlyList<Uri> HttpAddresses => [.. Members.Where(m => m.Functions == "http").Select(m => m.Process.BaseAddress)];

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process) in Members)
        {
            await process.DisposeAsync();
        }
    }
}
