using SagaFunctions.Azurite;
using SagaFunctions.Benchmarks.Infrastructure;
using SagaFunctions.Benchmarks.Reporting;
using SagaFunctions.Benchmarks.Scenarios.EventStore;
using SagaFunctions.Benchmarks.Scenarios.Projections;
using SagaFunctions.Benchmarks.Scenarios.Saga;

// Usage: dotnet run -c Release --project tests/SagaFunctions.Benchmarks -- [all|eventstore|…]
// Each scenario registers here once; "all" (the default) runs them in order.
IBenchmarkScenario[] scenarios = [new EventStoreScenario(), new ProjectionsScenario(), new SagaScenario()];

var requested = args.Length > 0 ? args[0] : "all";
var selected = requested.Equals("all", StringComparison.OrdinalIgnoreCase)
    ? scenarios
    : scenarios.Where(s => s.Name.Equals(requested, StringComparison.OrdinalIgnoreCase)).ToArray();
if (selected.Length == 0)
{
    Console.Error.WriteLine($"Unknown scenario '{requested}'. Known: all, {string.Join(", ", scenarios.Select(s => s.Name))}.");
    return 2;
}

// A fresh Azurite of the run's own: free ports, a throw-away data folder.
var dataFolder = Path.Combine(Path.GetTempPath(), "sagafunctions-benchmarks", Guid.NewGuid().ToString("N"));
var report = new BenchmarkReport();
await using (var azurite = await AzuriteProcess.StartAsync(AzuriteEndpoints.FreePorts(), dataFolder))
{
    var context = new BenchmarkContext(azurite.ConnectionString, report);
    foreach (var scenario in selected)
    {
        Console.WriteLine($"== {scenario.Name}");
        await scenario.RunAsync(context);
    }
}

TryDelete(dataFolder);
var folder = Path.Combine(Directory.GetCurrentDirectory(), "benchmark-results");
await report.WriteAsync(folder);
Console.WriteLine($"Report: {Path.Combine(folder, "report.md")}");
return 0;

static void TryDelete(string folder)
{
    try
    {
        Directory.Delete(folder, recursive: true);
    }
    catch (IOException)
    {
        // A temp folder left behind is harmless.
    }
}
