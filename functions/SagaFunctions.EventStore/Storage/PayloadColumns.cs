using System.Globalization;
using Azure.Data.Tables;

namespace SagaFunctions.EventStore.Storage;

/// <summary>
/// Stores a byte payload across binary properties D0, D1, … of at most 64 KiB each (the per-property
/// limit), with the count in "DataChunks", and reassembles it on read.
/// </summary>
internal static class PayloadColumns
{
    private const string CountProperty = "DataChunks";

    public static void Write(TableEntity entity, byte[] payload)
    {
        var chunks = ChunkCount(payload.Length);
        entity[CountProperty] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            var offset = i * TableLimits.MaxBinaryPropertyBytes;
            var length = Math.Min(TableLimits.MaxBinaryPropertyBytes, payload.Length - offset);
            entity[ChunkName(i)] = payload.AsSpan(offset, length).ToArray();
        }
    }

    public static byte[] Read(TableEntity entity)
    {
        var chunks = entity.GetInt32(CountProperty) ?? 0;
        if (chunks == 1)
        {
            return entity.GetBinary(ChunkName(0));
        }

        var parts = new byte[chunks][];
        for (var i = 0; i < chunks; i++)
        {
            parts[i] = entity.GetBinary(ChunkName(i));
        }

        var payload = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(payload, offset);
            offset += part.Length;
        }

        return payload;
    }

    /// <summary>At least one chunk, so an empty payload still reads back as empty.</summary>
    private static int ChunkCount(int length) => Math.Max(1, (length + TableLimits.MaxBinaryPropertyBytes - 1) / TableLimits.MaxBinaryPropertyBytes);

    private static string ChunkName(int index) => "D" + index.ToString(CultureInfo.InvariantCulture);
}
