using System.Security.Cryptography;
using Azure.Data.Tables;
using SagaFunctions.EventStore.Serialization;

namespace SagaFunctions.EventStore.Storage;

/// <summary>
/// An event serialized and checked before any write: its JSON, the hash that tells a retry (same
/// data) from a reused id (different data), and builders for its event row and idempotency row.
/// </summary>
internal sealed class PreparedEvent
{
    private PreparedEvent(NewEvent source, SerializedEvent serialized, DateTimeOffset timestamp)
    {
        EventId = source.EventId;
        Data = source.Data;
        Serialized = serialized;
        Timestamp = timestamp;
        CorrelationId = source.Metadata?.CorrelationId;
        CausationId = source.Metadata?.CausationId;
        Hash = ComputeHash(serialized);
    }

    public string EventId { get; }

    /// <summary>The event object as the caller passed it.</summary>
    public object Data { get; }

    public SerializedEvent Serialized { get; }

    public DateTimeOffset Timestamp { get; }

    public string? CorrelationId { get; }

    public string? CausationId { get; }

    /// <summary>SHA-256 of type name and JSON, base64: what an idempotency row remembers.</summary>
    public string Hash { get; }

    /// <summary>Wire-size estimate of both rows, for splitting transactions under 4 MiB.</summary>
    public long WireBytes { get; private set; }

    public static PreparedEvent Prepare(string streamId, NewEvent source, EventTypeRegistry registry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(source);
        StreamIdValidator.ValidateKey(source.EventId, TableLayout.MaxEventIdChars, "Event id", nameof(source));
        ArgumentNullException.ThrowIfNull(source.Data);
        var prepared = new PreparedEvent(source, registry.Serialize(source.Data), source.Metadata?.Timestamp ?? now);

        // The largest version gives the longest row key; sizes are checked before anything is written.
        var eventRow = prepared.ToEventEntity(streamId, long.MaxValue);
        var size = EntitySize.StorageBytes(eventRow);
        if (size > TableLimits.MaxEntityBytes)
        {
            throw new EventTooLargeException(source.EventId, size, TableLimits.MaxEntityBytes);
        }

        prepared.WireBytes = EntitySize.WireBytes(eventRow) + EntitySize.WireBytes(prepared.ToIdEntity(streamId, long.MaxValue));
        return prepared;
    }

    public TableEntity ToEventEntity(string streamId, long version)
    {
        var entity = new TableEntity(streamId, TableLayout.EventRowKey(version))
        {
            [TableLayout.Version] = version,
            [TableLayout.EventId] = EventId,
            [TableLayout.EventType] = Serialized.TypeName,
            [TableLayout.OccurredAt] = Timestamp,
        };
        if (CorrelationId is not null)
        {
            entity[TableLayout.CorrelationId] = CorrelationId;
        }

        if (CausationId is not null)
        {
            entity[TableLayout.CausationId] = CausationId;
        }

        PayloadColumns.Write(entity, Serialized.Json);
        return entity;
    }

    /// <summary>The event as it reads back once stored at <paramref name="version"/>.</summary>
    public RecordedEvent ToRecorded(string streamId, long version) =>
        new(streamId, version, EventId, Serialized.TypeName, Data, Timestamp, CorrelationId, CausationId);

    public TableEntity ToIdEntity(string streamId, long version) => new(streamId, TableLayout.IdRowKey(EventId))
    {
        [TableLayout.Version] = version,
        [TableLayout.DataHash] = Hash,
    };

    private static string ComputeHash(SerializedEvent serialized)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(serialized.TypeName));
        hash.AppendData([0]);
        hash.AppendData(serialized.Json);
        return Convert.ToBase64String(hash.GetHashAndReset());
    }
}
