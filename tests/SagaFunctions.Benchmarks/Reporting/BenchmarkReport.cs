using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SagaFunctions.Benchmarks.Reporting;

/// <summary>
/// Collects figures from all scenarios, prints one line per figure as it arrives and writes
/// benchmark-results/report.md and report.json at the end.
/// </summary>
internal sealed class BenchmarkReport
{
    private readonly List<Figure> _figures = [];

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        Console.WriteLine(SummaryLine(figure));
    }

    public static string SummaryLine(Figure figure)
    {
        var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{figure.Name}: {Format(figure.Value)} {figure.Unit}");
        if (figure.Ratio is { } ratio)
        {
            line.Append(CultureInfo.InvariantCulture, $" ({ratio:0.00}x {figure.BaselineName ?? "baseline"})");
        }

        if (figure.Target is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" [target {figure.Target}: {figure.MeetsTarget switch { true => "met", false => "MISSED", null => "not judged (no baseline in this run)" }}]");
        }

        return line.ToString();
    }

    public async Task WriteAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var document = new ReportDocument(DateTimeOffset.UtcNow, MachineDescription(), _figures);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(document, ReportJsonContext.Default.ReportDocument));
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), Markdown(document));
    }

    private static string Markdown(ReportDocument document)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmark results").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Generated {document.GeneratedAt:u} on {document.Machine}, against a local Azurite.").AppendLine();
        foreach (var scenario in document.Figures.GroupBy(f => f.Scenario))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {scenario.Key}").AppendLine();
            md.AppendLine("| figure | value | unit | baseline | ratio | target |");
            md.AppendLine("|---|---:|---|---:|---:|---|");
            foreach (var f in scenario)
            {
                var baseline = f.Baseline is { } b ? $"{Format(b)} ({f.BaselineName})" : string.Empty;
                var ratio = f.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "x" : string.Empty;
                var target = f.Target is null ? string.Empty : $"{f.Target}: {f.MeetsTarget switch { true => "met", false => "missed", null => "not judged (no baseline in this run)" }}";
                md.AppendLine(CultureInfo.InvariantCulture, $"| {f.Name} | {Format(f.Value)} | {f.Unit} | {baseline} | {ratio} | {target} |");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private static string Format(double value) => value.ToString(value >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string MachineDescription() =>
        $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
}
