namespace SagaFunctions.Benchmarks.Reporting;

/// <summary>
/// One measured figure, optionally next to a baseline measured the same way (Ratio = Value / Baseline),
/// and a target in words with whether it was met.
/// </summary>
internal sealed record Figure(
    string Scenario,
    string Name,
    double Value,
    string Unit,
    double? Baseline = null,
    string? BaselineName = null,
    string? Target = null,
    bool? MeetsTarget = null)
{
    public double? Ratio => Baseline is > 0 ? Value / Baseline : null;
}
