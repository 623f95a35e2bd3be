namespace SagaFunctions.EventStore;

/// <summary>
/// How far a consumer (<paramref name="Consumer"/>, e.g. the integration event relay of one target) got
/// in a stream, kept in the stream's own partition. <paramref name="ConcurrencyToken"/> identifies the
/// stored row (null: none stored yet); saving with it fails if another writer moved the checkpoint meanwhile.
/// </summary>
public sealed record StreamCheckpoint(string StreamId, string Consumer, long Version, string? ConcurrencyToken)
{
    /// <summary>A consumer that has nothing from the stream yet.</summary>
    public static StreamCheckpoint None(string streamId, string consumer) => new(streamId, consumer, 0, null);
}
