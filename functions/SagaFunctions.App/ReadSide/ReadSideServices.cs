using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Integration;

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
        services.AddSingleton<CheckpointedViewWriter>();
        services.AddSingleton<ProjectionLagMonitor>();
        services.AddSingleton<StreamProjector>();
        services.AddSingleton<ProjectionSweeper>();
        services.AddSingleton<RebuildProgressRows>();
        services.AddSingleton<ProjectionRebuilder>();
        services.AddSingleton<ReadModels>();
        services.AddIntegrationEvents(configuration);
        return services;
    }
}
