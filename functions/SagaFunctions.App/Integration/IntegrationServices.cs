using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Integration;

/// <summary>
/// Chooses the targets: the storage queue <c>order-events</c> always (the choreography's handlers listen
/// on it), and with <c>IntegrationEvents:Transport</c> = <c>ServiceBus</c> also the topic
/// <c>IntegrationEvents:ServiceBusTopic</c> in namespace <c>ServiceBusConnection:fullyQualifiedNamespace</c>
/// (DefaultAzureCredential), for consumers outside the app. Each target has its own publish checkpoint.
/// </summary>
public static class IntegrationServices
{
    public const string TransportSetting = "IntegrationEvents:Transport";
    public const string TopicSetting = "IntegrationEvents:ServiceBusTopic";
    public const string NamespaceSetting = "ServiceBusConnection:fullyQualifiedNamespace";

    /// <summary>The publish checkpoint of the storage queue (the choreography's target).</summary>
    public const string StorageQueueConsumer = "published";
    public const string ServiceBusConsumer = "published-servicebus";

    public static IServiceCollection AddIntegrationEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var serviceBus = string.Equals(configuration[TransportSetting], "ServiceBus", StringComparison.OrdinalIgnoreCase);
        if (serviceBus)
        {
            services.TryAddSingleton(_ => new ServiceBusClient(Required(configuration, NamespaceSetting), new DefaultAzureCredential()));
        }

        services.TryAddSingleton<IReadOnlyList<IntegrationTarget>>(sp => serviceBus
            ?
            [
                new IntegrationTarget(StorageQueueConsumer, new StorageQueueIntegrationPublisher(sp.GetRequiredService<SagaStorage>())),
                new IntegrationTarget(ServiceBusConsumer, new ServiceBusIntegrationPublisher(
                    sp.GetRequiredService<ServiceBusClient>().CreateSender(configuration[TopicSetting] is { Length: > 0 } topic ? topic : "order-events"))),
            ]
            : [new IntegrationTarget(StorageQueueConsumer, new StorageQueueIntegrationPublisher(sp.GetRequiredService<SagaStorage>()))]);
        services.TryAddSingleton<IIntegrationEventPublisher>(sp => new FanOutIntegrationPublisher(sp.GetRequiredService<IReadOnlyList<IntegrationTarget>>()));
        services.TryAddSingleton<IntegrationEventRelay>();
        return services;
    }

    private static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"IntegrationEvents:Transport is ServiceBus: set '{key}'.");
}
