using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.App.Projections;
using SagaFunctions.App.Saga;

namespace SagaFunctions.App;

/// <summary>
/// The app's service registrations, in one place so the Functions host (Program.cs) and the
/// local host register exactly the same services.
/// </summary>
public static class AppServices
{
    public static IServiceCollection AddSagaFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SagaStorage(configuration, sp.GetServices<HttpPipelinePolicy>()));
        services.AddSingleton<EventStores>();
        services.TryAddSingleton<RecentAppends>();
        services.TryAddSingleton<IAppendNotifier, QueueAppendNotifier>();
        services.AddSingleton(InProcessShortcuts.From(configuration));
        services.AddSingleton<KeyedTurns>();
        services.AddSingleton<Aggregates>();
        services.AddSingleton<SagaSettings>();
        services.TryAddSingleton<IFaultInjector, NoFaults>();
        services.AddSingleton<Inventory.PriceList>();
        services.TryAddSingleton<Payments.IPaymentGateway, Payments.SimulatedGatewayClient>();
        services.AddSingleton<Payments.PaymentService>();
        services.AddSingleton<Ordering.OrderCancellation>();
        services.AddReadSide(configuration);
        Choreography.ChoreographyServices.AddChoreography(services);
        return services;
    }
}
