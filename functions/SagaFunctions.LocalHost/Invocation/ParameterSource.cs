namespace SagaFunctions.LocalHost.Invocation;

/// <summary>Where a function parameter's value comes from, decided once at start-up.</summary>
internal enum ParameterSource
{
    Trigger,
    DurableClient,
    CancellationToken,
    RouteValue,
    OrchestrationInput,
}
