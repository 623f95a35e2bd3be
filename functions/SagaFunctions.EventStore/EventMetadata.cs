namespace SagaFunctions.EventStore;

/// <summary>
/// Where an event came from. <paramref name="Timestamp"/> defaults to the store's clock at append;
/// point-in-time reads (<c>ReadUntilAsync</c>) go by it.
/// </summary>
public sealed record EventMetadata(string? CorrelationId = null, string? CausationId = null, DateTimeOffset? Timestamp = null);
