using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Projections;

/// <summary>
/// The two reads of an event table's bookkeeping rows the event store has no API for yet: one
/// stream's marker (a point read, instead of listing every marker for each notification) and every
/// stream's head (what a rebuild walks). They follow the store's layout: RowKey "marker" and
/// "head", each with a Version column. (Proposed: TableEventStore.GetMarkerAsync / ListStreamsAsync.)
/// </summary>
public static class StreamRows
{
    private const string MarkerRowKey = "marker";
    private const string HeadRowKey = "head";
    private const string Version = "Version";
    private const string AppendedAt = "AppendedAt";

    /// <summary>The stream's pending marker, or null when none is pending.</summary>
    public static async Task<ProjectionMarker?> ReadMarkerAsync(TableClient eventTable, string streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventTable);
        var row = await eventTable.GetEntityIfExistsAsync<TableEntity>(streamId, MarkerRowKey, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var entity = row.Value!;
        return new ProjectionMarker(streamId, entity.GetInt64(Version) ?? 0, entity.GetDateTimeOffset(AppendedAt) ?? DateTimeOffset.MinValue, entity.ETag.ToString());
    }

    /// <summary>Every stream of the table with its current version.</summary>
    public static async IAsyncEnumerable<(string StreamId, long Version)> ListStreamsAsync(TableClient eventTable, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventTable);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {HeadRowKey}");
        await foreach (var head in eventTable.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", Version], cancellationToken: cancellationToken))
        {
            yield return (head.PartitionKey, head.GetInt64(Version) ?? 0);
        }
    }
}
