using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Operations.Actions;
using SagaFunctions.App.Operations.Poison;
using SagaFunctions.App.Operations.SagaList;

namespace SagaFunctions.App.Operations;

/// <summary>Registrations of the operator's tools: the saga list, the repairs, poison queues.</summary>
public static class OperationsServices
{
    public static IServiceCollection AddOperations(this IServiceCollection services) =>
        services
            .AddSingleton<SagaListQuery>()
            .AddSingleton<SagaRepairs>()
            .AddSingleton<PoisonMessages>();
}
