using System.Diagnostics;
using System.Globalization;
using SagaFunctions.Azurite;
using SagaFunctions.LocalHost.Configuration;
using SagaFunctions.LocalHost.Discovery;

namespace SagaFunctions.LocalHost.Cluster;

/// <summary>
/// The whole app as several host processes on one storage (<c>--instances N</c>, <c>--topology …</c>),
/// the way Azure runs it: each process runs its group of functions, all share the task hub, the event
/// store and the queues. Starts the storage emulator when the settings ask for it, then the hosts
/// (HTTP ones first, from <c>--port</c> up), prints where each listens, prefixes each line a host
/// prints with its name, and on Ctrl+C (or SIGTERM) stops them all.
/// </summary>
public static class LocalCluster
{
    public static async Task<int> RunAsync(LocalHostOptions options, string topology)
    {
        ArgumentNullException.ThrowIfNull(options);
        var functions = FunctionDiscovery.Discover(options.FunctionTypes);
        var members = ClusterTopology.Parse(topology, functions)
            .OrderBy(m => m.Functions.Apply(functions).Any(IsHttp) ? 0 : 1)
            .ToList();

        var settings = HostSettings.Collect(options);
        using var bootLoggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        await using var azurite = await DevelopmentStorage.EnsureAsync(
            settings, HostSettings.StorageSettingNames(settings, functions), options.AzuriteDataFolder, bootLoggers.CreateLogger("LocalCluster"), CancellationToken.None);

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var hosts = new List<ClusterHost>();
        try
        {
            for (var i = 0; i < members.Count; i++)
            {
                var port = options.Port == 0 ? PortProbe.FreePort() : options.Port + i;
                hosts.Add(ClusterHost.Start(members[i], port, options.ForwardedArguments, StorageEnvironment(settings)));
            }

            await Task.WhenAll(hosts.Select(h => h.WaitUntilListeningAsync(TimeSpan.FromSeconds(90), stop.Token)));
            PrintBanner(options, members, hosts, functions);
            await Task.WhenAny(Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default), Task.WhenAny(hosts.Select(h => h.Exited)));
            var ended = hosts.FirstOrDefault(h => h.Exited.IsCompleted);
            if (ended is not null && !stop.IsCancellationRequested)
            {
                Console.WriteLine($"{ended.Member.Name} ended (exit code {ended.ExitCode}); stopping the others.");
            }

            return ended is not null && !stop.IsCancellationRequested ? 1 : 0;
        }
        finally
        {
            await Task.WhenAll(hosts.Select(h => h.StopAsync(TimeSpan.FromSeconds(15))));
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }
    }

    private static bool IsHttp(FunctionDescriptor function) => function.Trigger.Kind is BindingKind.HttpTrigger;

    /// <summary>The storage connections the hosts get: the emulator this cluster uses, where the settings asked for it.</summary>
    private static Dictionary<string, string> StorageEnvironment(Dictionary<string, string?> settings) =>
        new[] { StorageConnections.DefaultConnectionName, "SagaStorage" }
            .Where(name => settings.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
            .ToDictionary(name => name, name => settings[name]!);

    private static void PrintBanner(LocalHostOptions options, List<ClusterMember> members, List<ClusterHost> hosts, IReadOnlyList<FunctionDescriptor> functions)
    {
        var hub = HostJsonSettings.Load(options.HostJsonPath) is var hostJson && options.TaskHubName is { } name ? name : hostJson.HubName;
        var lines = new List<string> { "", string.Create(CultureInfo.InvariantCulture, $"SagaFunctions local cluster: {hosts.Count} host processes on task hub {hub}"), "" };
        var width = members.Max(m => m.Name.Length);
        foreach (var host in hosts)
        {
            var selected = host.Member.Functions.Apply(functions).Select(f => f.Name).Order(StringComparer.Ordinal);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {host.Member.Name.PadRight(width)}  http://localhost:{host.Port}/  pid {host.ProcessId}  {string.Join(", ", selected)}"));
        }

        lines.Add("");
        lines.Add("The HTTP API answers on every process that runs the http group. Press Ctrl+C to stop them all.");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
