using Azure;

namespace SagaFunctions.App.ReadSide;

/// <summary>Where a view row lives in its views table.</summary>
public readonly record struct ViewKey(string PartitionKey, string RowKey);

/// <summary>
/// A view row: the view record and its checkpoint (the last version of the stream it has applied,
/// and when that event was appended), with the ETag it was read or written with (default: not
/// stored yet, so a write inserts it).
/// </summary>
public sealed record ViewRow(ViewKey Key, object View, long Version, DateTimeOffset LastEventAt, ETag ETag = default);
