using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using SagaFunctions.App.Platform.Telemetry;

namespace SagaFunctions.App.Tests.Platform.Telemetry;

/// <summary>
/// An OpenTelemetry tracer provider with the in-memory exporter, subscribed to the sources the app
/// exports (the host runs in this process, so its spans come here). A test starts its own root span,
/// sends its context with a request, and reads that trace.
/// </summary>
public sealed class TraceCollector : IDisposable
{
    private static readonly ActivitySource TestSource = new("SagaFunctions.Tests");

    private readonly List<Activity> _exported = [];
    private readonly TracerProvider _provider;

    public TraceCollector()
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .SetSampler(new ParentBasedSampler(new NoBackgroundStorageSampler()))
            .AddSource(TestSource.Name, "Microsoft.Azure.Functions.Worker", SagaTelemetry.SourceName, TelemetryServices.DurableTaskSource, TelemetryServices.AzureSdkSources)
            .AddProcessor(new SimpleActivityExportProcessor(new LockedExporter(_exported)))
            .Build();
    }

    /// <summary>Starts the test's root span.</summary>
    public static Activity StartRoot(string name) => TestSource.StartActivity(name, ActivityKind.Internal) ?? throw new InvalidOperationException("The test source is not listened to.");

    /// <summary>
    /// The spans of <paramref name="traceId"/> exported so far. The orchestration span is exported once per
    /// episode under one span id: the last one exported is kept (it ends with the orchestration).
    /// </summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId)
    {
        lock (_exported)
        {
            return _exported.Where(a => a.TraceId == traceId).GroupBy(a => a.SpanId).Select(g => g.Last()).ToList();
        }
    }

    /// <summary>The span <paramref name="spanId"/> of any trace (a link's target), or null when it was not exported.</summary>
    public Activity? Span(ActivitySpanId spanId)
    {
        lock (_exported)
        {
            return _exported.LastOrDefault(a => a.SpanId == spanId);
        }
    }

    /// <summary>
    /// The trace as an indented tree (start offset, duration, name, the saga's attributes), storage calls
    /// folded into a count per span: what a trace viewer shows, for a test's output and the README.
    /// </summary>
    public static string Render(IReadOnlyList<Activity> trace, Activity root)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(root);
        var children = trace.ToLookup(s => s.ParentSpanId);
        var text = new System.Text.StringBuilder();
        void Write(Activity span, int depth)
        {
            var storage = children[span.SpanId].Count(IsStorageCall);
            var saga = string.Join(" ", span.TagObjects.Where(t => t.Key.StartsWith("saga.", StringComparison.Ordinal) && t.Key != SagaTelemetry.OrderId).Select(t => $"{t.Key[5..]}={t.Value}"));
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{(span.StartTimeUtc - root.StartTimeUtc).TotalMilliseconds,7:0} ms {span.Duration.TotalMilliseconds,6:0} ms  ")
                .Append(' ', depth * 2).Append(span.DisplayName)
                .Append(saga.Length > 0 ? $"  [{saga}]" : string.Empty)
                .Append(span.Status == ActivityStatusCode.Error ? "  ERROR" : string.Empty)
                .Append(span.Links.Any() ? "  (linked)" : string.Empty)
                .Append(storage > 0 ? $"  +{storage} storage calls" : string.Empty)
                .AppendLine();
            foreach (var child in children[span.SpanId].Where(c => !IsStorageCall(c)).OrderBy(c => c.StartTimeUtc))
            {
                Write(child, depth + 1);
            }
        }

        Write(root, 0);
        return text.ToString();
    }

    private static bool IsStorageCall(Activity span) => span.Source.Name.StartsWith("Azure.", StringComparison.Ordinal);

    public void Dispose() => _provider.Dispose();

    /// <summary>Spans stop on many threads at once; the list is written under its own lock.</summary>
    private sealed class LockedExporter(List<Activity> exported) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            lock (exported)
            {
                foreach (var activity in batch)
                {
                    exported.Add(activity);
                }
            }

            return ExportResult.Success;
        }
    }
}
