namespace SagaFunctions.App.Integration;

/// <summary>
/// One place integration events go (the choreography's storage queue, the Service Bus topic), with the
/// name of its publish checkpoint in each stream (<paramref name="Consumer"/>): each target keeps its
/// own, so one that fails (Service Bus refusing while a role assignment propagates, throttling, a full
/// topic) holds up nobody but itself, and catches up from where it stopped.
/// </summary>
public sealed record IntegrationTarget(string Consumer, IIntegrationEventPublisher Publisher);
