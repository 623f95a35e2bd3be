using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.App.Choreography;
using SagaFunctions.App.Customers;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Operations;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Payments;
using SagaFunctions.App.Platform.Shortcuts;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.ReadSide.SpeedUps;
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
        services.AddSingleton(InProcessShortcuts.From(configuration));
        services.AddSingleton<KeyedTurns>();
        services.TryAddSingleton<RecentAppends>();
        services.TryAddSingleton<IAppendNotifier, QueueAppendNotifier>();
        services.AddSingleton<SagaSettings>();
        services.TryAddSingleton<IFaultInjector, NoFaults>();

        // Each context: its aggregate on its own event store, and the application service every entry point calls.
        services.AddAggregate(CustomerService.Aggregate, stores => stores.Customers).AddSingleton<CustomerService>();
        services.AddAggregate(InventoryService.Aggregate, stores => stores.Inventory).AddSingleton<InventoryService>().AddSingleton<PriceList>();
        services.AddAggregate(PaymentService.Aggregate, stores => stores.Payments).AddSingleton<PaymentService>();
        services.TryAddSingleton<IPaymentGateway, SimulatedGatewayClient>();
        services.AddAggregate(OrderService.Aggregate, stores => stores.Ordering).AddSingleton<OrderService>();

        services.AddSagaTelemetry(configuration);
        services.AddReadSide(configuration);
        services.AddChoreography();
        services.AddOperations();
        return services;
    }
}
