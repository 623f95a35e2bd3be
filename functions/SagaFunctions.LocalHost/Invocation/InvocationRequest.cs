namespace SagaFunctions.LocalHost.Invocation;

/// <summary>What one invocation binds from: the trigger's value, route values, the orchestration input.</summary>
public sealed record InvocationRequest(
    IServiceProvider Services,
    object? TriggerValue,
    CancellationToken CancellationToken)
{
    public IReadOnlyDictionary<string, object?> RouteValues { get; init; } = new Dictionary<string, object?>();

    public object? OrchestrationInput { get; init; }
}
