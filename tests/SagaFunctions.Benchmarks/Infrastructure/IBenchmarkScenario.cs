namespace SagaFunctions.Benchmarks.Infrastructure;

/// <summary>One benchmark scenario (one file each), selected on the command line by <see cref="Name"/>.</summary>
internal interface IBenchmarkScenario
{
    string Name { get; }

    Task RunAsync(BenchmarkContext context);
}
