using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }
}
