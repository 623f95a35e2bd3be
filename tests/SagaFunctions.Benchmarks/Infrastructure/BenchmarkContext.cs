using SagaFunctions.Benchmarks.Reporting;

namespace SagaFunctions.Benchmarks.Infrastructure;

/// <summary>What every scenario gets: the run's Azurite and the report to add figures to.</summary>
internal sealed record BenchmarkContext(string ConnectionString, BenchmarkReport Report)
{
    /// <summary>A table name no other scenario uses (letters and digits only).</summary>
    public static string UniqueTableName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];
}
