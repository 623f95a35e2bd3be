using System.Globalization;

namespace SagaFunctions.EventStore.Storage;

/// <summary>
/// Row keys and property names of a stream's partition. Event rows ("e-") have a range of their own,
/// apart from the head, idempotency ("i-"), consumer checkpoint ("c-") and snapshot rows, so a range
/// query over "e-" reads only events. Projection markers live apart, in the table's own partition
/// <see cref="MarkerPartition"/> (one row per stream), so listing them reads the pending ones only.
/// </summary>
internal static class TableLayout
{
    public const string HeadRowKey = "head";

    /// <summary>The partition of the markers: '~' starts no stream id (<see cref="StreamIdValidator"/>).</summary>
    public const string MarkerPartition = "~markers";
    public const string SnapshotRowKey = "snapshot";
    public const string EventRowPrefix = "e-";

    /// <summary>'.' sorts right after '-': the exclusive upper bound of all event row keys.</summary>
    public const string EventRowsEnd = "e.";
    public const string IdRowPrefix = "i-";
    public const string CheckpointRowPrefix = "c-";

    /// <summary>Room left for an event id inside a row key after the prefix.</summary>
    public const int MaxEventIdChars = StreamIdValidator.MaxKeyChars - 2;

    public const string Version = "Version";
    public const string EventId = "EventId";
    public const string EventType = "EventType";
    public const string OccurredAt = "OccurredAt";
    public const string CorrelationId = "CorrelationId";
    public const string CausationId = "CausationId";
    public const string DataHash = "DataHash";
    public const string AppendedAt = "AppendedAt";
    public const string SchemaVersion = "SchemaVersion";
    public const string AggregateName = "AggregateName";

    /// <summary>Zero-padded to the width of <see cref="long.MaxValue"/>, so string order is version order.</summary>
    public static string EventRowKey(long version) => EventRowPrefix + version.ToString("D19", CultureInfo.InvariantCulture);

    public static string IdRowKey(string eventId) => IdRowPrefix + eventId;

    public static string CheckpointRowKey(string consumer) => CheckpointRowPrefix + consumer;
}
