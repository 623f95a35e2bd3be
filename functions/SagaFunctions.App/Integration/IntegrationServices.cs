using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.App.Infrastructure;

namespace SagaFunctions.App.Integration;

/// <summary>
/// Chooses the transport: <c>IntegrationEvents:Transport</c> = <c>StorageQueue</c> (default, local) or
/// <c>ServiceBus</c> (topic <c>IntegrationEvents:ServiceBusTopic</c> in namespace
/// <c>ServiceBusConnection:fullyQualifiedNamespace</c>, with DefaultAzureCredential), in which case the
/// events also still go to the storage queue that the choreography's handlers listen on.
/// </summary>
public static class IntegrationServices
{
    public const string TransportSetting = "IntegrationEvents:Transport";
    public const string TopicSetting = "IntegrationEvents:ServiceBusTopic";
    public const string NamespaceSetting = "ServiceBusConnection:fullyQualifiedNamespace";

    public static IServiceCollection AddIntegrationEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.Equals(configuration[TransportSetting], "ServiceBus", StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton(_ => new ServiceBusClient(
                Required(configuration, NamespaceSetting), new DefaultAzureCredential()));
            services.TryAddSingleton<IIntegrationEventPublisher>(sp => new FanOutIntegrationPublisher(
            [
                new ServiceBusIntegrationPublisher(
                    sp.GetRequiredService<ServiceBusClient>().CreateSender(configuration[TopicSetting] is { Length: > 0 } topic ? topic : "order-events")),
                new StorageQueueIntegrationPublisher(sp.GetRequiredService<SagaStorage>()),
            ]));
        }
        else
        {
            services.TryAddSingleton<IIntegrationEventPublisher>(sp => new StorageQueueIntegrationPublisher(sp.GetRequiredService<SagaStorage>()));
        }

        services.TryAddSingleton<IntegrationEventRelay>();
        return services;
    }

    private static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"IntegrationEvents:Transport is ServiceBus: set '{key}'.");
}
