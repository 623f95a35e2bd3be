namespace SagaFunctions.App.Saga;

/// <summary>
/// A seam for failure tests: activities call it before and after doing their work. Production
/// registers <see cref="NoFaults"/>; tests register one that throws to simulate a transient
/// fault (before) or a crash after the effect was committed (after).
/// </summary>
public interface IFaultInjector
{
    Task BeforeAsync(string activity, string orderId);

    Task AfterAsync(string activity, string orderId);
}

/// <summary>No faults: what every deployment runs.</summary>
public sealed class NoFaults : IFaultInjector
{
    public Task BeforeAsync(string activity, string orderId) => Task.CompletedTask;

    public Task AfterAsync(string activity, string orderId) => Task.CompletedTask;
}
