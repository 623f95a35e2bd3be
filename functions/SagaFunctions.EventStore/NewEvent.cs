namespace SagaFunctions.EventStore;

/// <summary>
/// An event to append. <paramref name="EventId"/> makes the append idempotent: appending the same id
/// to the same stream again is a no-op (deterministic ids such as <c>{orderId}:{step}</c> make retried
/// saga steps safe). <paramref name="Data"/> must be of a type registered in the <see cref="EventTypeRegistry"/>.
/// </summary>
public sealed record NewEvent(string EventId, object Data, EventMetadata? Metadata = null);
