namespace SagaFunctions.EventStore;

/// <summary>
/// A stream that has events the read side may not have applied yet: the latest appended version and
/// when it was appended. <paramref name="ConcurrencyToken"/> identifies this exact marker, so clearing it
/// fails if a newer append replaced it in the meantime.
/// </summary>
public sealed record ProjectionMarker(string StreamId, long Version, DateTimeOffset AppendedAt, string ConcurrencyToken);
