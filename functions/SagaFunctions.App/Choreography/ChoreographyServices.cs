using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Platform.Shortcuts;
using SagaFunctions.App.Customers;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Payments;

namespace SagaFunctions.App.Choreography;

/// <summary>The choreography's services (the handlers are stateless singletons).</summary>
public static class ChoreographyServices
{
    public static IServiceCollection AddChoreography(this IServiceCollection services)
    {
        services.AddSingleton<ChoreographedOrders>();
        services.AddSingleton<ChoreographyEventLog>();
        services.AddSingleton<CustomersChoreography>();
        services.AddSingleton<InventoryChoreography>();
        services.AddSingleton<PaymentsChoreography>();
        services.AddSingleton<OrderingChoreography>();
        services.AddSingleton<OrchestratedOrders>();
        services.AddSingleton(sp => new ChoreographyRouter(
            ChoreographyRoutes.Of(
                sp.GetRequiredService<CustomersChoreography>(),
                sp.GetRequiredService<InventoryChoreography>(),
                sp.GetRequiredService<PaymentsChoreography>(),
                sp.GetRequiredService<OrderingChoreography>()),
            sp.GetRequiredService<InProcessShortcuts>()));
        services.AddSingleton<ChoreographySagaView>();
        services.AddSingleton<ChoreographyDeadlines>();
        services.AddSingleton<ChoreographyTimeouts>();
        return services;
    }
}
