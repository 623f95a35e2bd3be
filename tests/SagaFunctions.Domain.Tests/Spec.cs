namespace SagaFunctions.Domain.Tests;

/// <summary>Then-assertions for given-events / when-command / then-events specs.</summary>
internal static class Spec
{
    public static void ThenEmits(this CommandResult result, params IDomainEvent[] expected)
    {
        Assert.True(result.Succeeded, $"Expected success, got {result}.");
        Assert.Equal(expected, result.Events);
    }

    public static void ThenNoChange(this CommandResult result)
    {
        Assert.True(result.Succeeded, $"Expected success, got {result}.");
        Assert.Empty(result.Events);
        Assert.True(result.IsNoChange);
    }

    public static DomainFailure ThenFails(this CommandResult result, string reason)
    {
        Assert.False(result.Succeeded, $"Expected failure {reason}, got {result}.");
        Assert.Empty(result.Events);
        Assert.NotNull(result.Failure);
        Assert.Equal(reason, result.Failure.Reason);
        return result.Failure;
    }
}
