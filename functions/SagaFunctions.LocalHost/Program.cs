using SagaFunctions.LocalHost;
using SagaFunctions.LocalHost.Cluster;

// Thin on purpose: everything lives in LocalFunctionsHost (one process) and LocalCluster (several),
// so tests start the same hosts.
var options = LocalHostOptions.FromCommandLine(args);
if (options.Topology is { } topology)
{
    return await LocalCluster.RunAsync(options, topology);
}

await using var host = await LocalFunctionsHost.StartAsync(options);
host.ExitProcessAfterShutdown(TimeSpan.FromSeconds(5));
await host.WaitForShutdownAsync();
return 0;
