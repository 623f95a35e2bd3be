using Azure;

namespace SagaFunctions.EventStore.Storage;

/// <summary>A stream's current version and the head row's ETag (null: no head row, the stream does not exist).</summary>
internal readonly record struct StreamHead(long Version, ETag? ETag)
{
    public static StreamHead None { get; } = new(0, null);

    public bool Exists => ETag is not null;
}
