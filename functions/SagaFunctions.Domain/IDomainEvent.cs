namespace SagaFunctions.Domain;

/// <summary>
/// Marker for the domain's event records. Every event is a <c>sealed record</c> with a stable,
/// versioned <c>public const string TypeName</c> and is listed in its context's event type map
/// and in <see cref="Serialization.DomainJsonContext"/>.
/// </summary>
public interface IDomainEvent;
