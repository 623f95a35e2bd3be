namespace SagaFunctions.EventStore.Storage;

/// <summary>A snapshot row as stored: which aggregate and schema wrote it, at which version, and the state JSON.</summary>
internal sealed record StoredSnapshot(string AggregateName, int SchemaVersion, long Version, byte[] StateJson);
