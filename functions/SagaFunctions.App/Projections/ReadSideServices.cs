using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SagaFunctions.App.Projections;

/// <summary>Registrations of the read side: projections, read models, integration events.</summary>
public static class ReadSideServices
{
    public static IServiceCollection AddReadSide(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
