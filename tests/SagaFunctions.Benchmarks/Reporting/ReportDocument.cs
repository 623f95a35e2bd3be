namespace SagaFunctions.Benchmarks.Reporting;

/// <summary>The shape of report.json.</summary>
internal sealed record ReportDocument(DateTimeOffset GeneratedAt, string Machine, IReadOnlyList<Figure> Figures);
