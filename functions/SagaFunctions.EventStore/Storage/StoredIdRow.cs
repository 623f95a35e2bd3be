namespace SagaFunctions.EventStore.Storage;

/// <summary>What an idempotency row remembers about an appended event id.</summary>
internal sealed record StoredIdRow(long Version, string Hash);
