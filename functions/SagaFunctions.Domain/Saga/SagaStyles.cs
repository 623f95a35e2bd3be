namespace SagaFunctions.Domain.Saga;

/// <summary>How an order's saga runs; both styles give the same outcome for the same input.</summary>
public static class SagaStyles
{
    public const string Orchestration = "orchestration";
    public const string Choreography = "choreography";

    public static bool IsKnown(string? style) => style is Orchestration or Choreography;
}
