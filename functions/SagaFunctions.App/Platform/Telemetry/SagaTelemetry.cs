using System.Diagnostics;

namespace SagaFunctions.App.Platform.Telemetry;

/// <summary>
/// The app's own spans: only where no library emits one. The Functions worker (or the local host in its
/// place) gives every invocation its span, the DurableTask SDK the orchestration and its activities, the
/// Azure SDK every storage and Service Bus call; what is ours is a message's work joining the trace of
/// the request that caused it, since a queue carries our context in the message body (see
/// <see cref="StartConsumer"/>), and the saga's business attributes on whatever span is current.
/// </summary>
public static class SagaTelemetry
{
    public const string SourceName = "SagaFunctions";

    public const string OrderId = "saga.order_id";
    public const string Style = "saga.style";
    public const string Step = "saga.step";
    public const string Outcome = "saga.outcome";
    public const string FailureReason = "saga.failure_reason";
    public const string EventType = "saga.event_type";
    public const string StreamId = "saga.stream_id";

    public static ActivitySource Source { get; } = new(SourceName, typeof(SagaTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The W3C traceparent of the current span, to put into a message or an event (null when nothing traces).</summary>
    public static string? CurrentTraceParent => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// A span for one item of a message (a notification, an integration event): a child of the context the
    /// sender put in the item, so the work joins the trace of what caused it, and linked to the invocation
    /// that received the message, which may carry items of many traces. No context in the item (a sweep, an
    /// item from an older build): a child of the invocation.
    /// </summary>
    public static Activity? StartConsumer(string name, string? traceParent) => StartLinked(name, ActivityKind.Consumer, traceParent);

    /// <summary>
    /// A span for work on an order that a later request asks for (a cancel): a child of the order's own trace
    /// (the context recorded with its first event), linked to the request's span.
    /// </summary>
    public static Activity? StartInOrderTrace(string name, string? orderTraceParent) => StartLinked(name, ActivityKind.Internal, orderTraceParent);

    /// <summary>A child of <paramref name="traceParent"/> linked to the current span; without a parsable context, a child of the current span.</summary>
    private static Activity? StartLinked(string name, ActivityKind kind, string? traceParent)
    {
        var current = Activity.Current;
        if (!ActivityContext.TryParse(traceParent, null, out var parent))
        {
            return Source.StartActivity(name, kind);
        }

        ActivityLink[]? links = current is null ? null : [new ActivityLink(current.Context)];
        return Source.StartActivity(name, kind, parent, links: links);
    }
}
