using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Platform.Shortcuts;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Platform.Storage;

/// <summary>Registers one kind of aggregate: its repository on its context's event store.</summary>
public static class AggregateServices
{
    public static IServiceCollection AddAggregate<TState>(this IServiceCollection services, AggregateDefinition<TState> definition, Func<EventStores, TableEventStore> store)
        where TState : notnull =>
        services.AddSingleton<IAggregateRepository<TState>>(sp => new AggregateRepository<TState>(
            store(sp.GetRequiredService<EventStores>()),
            definition,
            sp.GetRequiredService<IAppendNotifier>(),
            sp.GetRequiredService<KeyedTurns>(),
            sp.GetRequiredService<InProcessShortcuts>()));
}
