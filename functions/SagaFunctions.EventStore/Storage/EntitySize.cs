using Azure.Data.Tables;

namespace SagaFunctions.EventStore.Storage;

/// <summary>
/// Size of an entity as Table Storage counts it toward the 1 MiB limit (the documented formula:
/// 4 bytes + keys as UTF-16 + per property 8 bytes + name as UTF-16 + value size), and a rough
/// size on the wire for planning the 4 MiB transaction limit.
/// </summary>
internal static class EntitySize
{
    public static long StorageBytes(TableEntity entity)
    {
        long size = 4 + (entity.PartitionKey.Length * 2L) + (entity.RowKey.Length * 2L);
        foreach (var (name, value) in entity)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            {
                continue;
            }

            size += 8 + (name.Length * 2L) + ValueBytes(value);
        }

        return size;
    }

    /// <summary>Binary travels base64-encoded (4/3) in JSON; add a generous per-entity envelope.</summary>
    public static long WireBytes(TableEntity entity) => (StorageBytes(entity) * 4 / 3) + 1024;

    private static long ValueBytes(object? value) => value switch
    {
        null => 0,
        string s => 4 + (s.Length * 2L),
        byte[] b => 4 + b.Length,
        bool => 1,
        int => 4,
        Guid => 16,
        _ => 8,
    };
}
