using System.Globalization;
using System.Text;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// Partition keys of entity views: the stream prefix and one of 16 buckets by a stable hash of the id
/// (<c>customer-0a</c>).
/// Spreading rows over a few partitions (not one per entity) lets the rebuild write them in
/// 100-row batch transactions, and not all into one, which would cap throughput per partition.
/// </summary>
public static class ViewPartitions
{
    public const int Buckets = 16;

    public static string For(string streamPrefix, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return streamPrefix + Bucket(id).ToString("x2", CultureInfo.InvariantCulture);
    }

    /// <summary>FNV-1a over the UTF-8 bytes: stable across processes and runtimes (string.GetHashCode is not).</summary>
    private static int Bucket(string id)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % Buckets);
    }
}
