namespace SagaFunctions.LocalHost.Durable;

/// <summary>
/// Orchestrator factories are registered before the service provider exists; this gives them
/// the provider once the host is built.
/// </summary>
public sealed class ServiceProviderHolder
{
    private IServiceProvider? _services;

    public IServiceProvider Services
    {
        get => _services ?? throw new InvalidOperationException("The host has not been built yet.");
        set => _services = value;
    }
}
