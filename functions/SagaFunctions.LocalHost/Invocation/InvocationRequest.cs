namespace SagaFunctions.LocalHost.Invocation;

/// <summary>What one invocation binds from: the trigger's value, route values, the orchestration input.</summary>
public sealed record InvocationRequest(
    IServiceProvider Services,
    object? TriggerValue,
    CancellationToken CancellationToken)
{
    public IReadOnlyDictionary<string, object?> RouteValues { get; init; } = new Dictionary<string, object?>();

    public object? OrchestrationInput { get; init; }

    /// <summary>
    /// The W3C trace context the caller sent (an HTTP request's <c>traceparent</c> header), for the
    /// invocation's span when no span is current; null: the current span, or none.
    /// </summary>
    public string? TraceParent { get; init; }
}
