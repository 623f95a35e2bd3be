namespace SagaFunctions.EventStore;

/// <summary>
/// How far a consumer (<paramref name="Consumer"/>, e.g. the integration event relay) got in a stream:
/// kept in the stream's own partition, so moving it can clear the stream's marker in the same
/// transaction. <paramref name="ConcurrencyToken"/> identifies the stored row (null: none stored yet);
/// saving with it fails if another writer moved the checkpoint meanwhile.
/// </summary>
public sealed record StreamCheckpoint(string StreamId, string Consumer, long Version, string? ConcurrencyToken)
{
    /// <summary>A consumer that has nothing from the stream yet.</summary>
    public static StreamCheckpoint None(string streamId, string consumer) => new(streamId, consumer, 0, null);
}

/// <summary>
/// What a save did. <paramref name="Stored"/> is null when the checkpoint was not the expected one
/// (another writer moved it, or stored one where none was expected): then nothing was written, the
/// marker included. <paramref name="MarkerCleared"/> is false when no marker was given, or when a newer
/// append had replaced it (the checkpoint was then saved alone).
/// </summary>
public sealed record CheckpointSave(StreamCheckpoint? Stored, bool MarkerCleared);
