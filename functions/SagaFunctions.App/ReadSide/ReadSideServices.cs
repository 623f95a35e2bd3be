using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Platform.Queues;
using SagaFunctions.App.Platform.Shortcuts;
using SagaFunctions.App.ReadSide.SpeedUps;

namespace SagaFunctions.App.ReadSide;

/// <summary>Registrations of the read side: projections, read models, integration events.</summary>
public static class ReadSideServices
{
    public static IServiceCollection AddReadSide(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<ProjectionCatalog>();
        services.AddSingleton<ReadModelGenerations>();
        services.AddSingleton<ViewTables>();
        services.AddSingleton<ViewStore>();
        services.AddSingleton<ProjectionLagMonitor>();
        services.AddSingleton<PoisonQueues>();
        services.AddSingleton<QueueFailures>();
        services.AddSingleton<CatchUpProjector>();
        services.AddSingleton<ShortcutProjector>();
        // The plain catch-up alone, or with this process's shortcuts around it.
        services.AddSingleton<IStreamProjector>(sp => sp.GetRequiredService<InProcessShortcuts>().Enabled
            ? sp.GetRequiredService<ShortcutProjector>()
            : sp.GetRequiredService<CatchUpProjector>());
        services.AddSingleton<ProjectionSweeper>();
        services.AddSingleton<RebuildProgressRows>();
        services.AddSingleton<ProjectionRebuilder>();
        services.AddSingleton<ReadModels>();
        services.AddIntegrationEvents(configuration);
        return services;
    }
}
