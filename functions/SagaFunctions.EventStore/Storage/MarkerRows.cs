using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace SagaFunctions.EventStore.Storage;

/// <summary>
/// Projection markers: each append upserts one (in its own transaction, see <see cref="StreamAppender"/>);
/// the read side lists them and deletes one only if no newer append replaced it.
/// </summary>
internal sealed class MarkerRows
{
    private readonly TableClient _table;

    public MarkerRows(TableClient table) => _table = table;

    /// <summary>A query over the whole table on RowKey: fine for a sweep that runs now and then.</summary>
    public async IAsyncEnumerable<ProjectionMarker> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TableLayout.MarkerRowKey}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new ProjectionMarker(
                entity.PartitionKey,
                entity.GetInt64(TableLayout.Version) ?? 0,
                entity.GetDateTimeOffset(TableLayout.AppendedAt) ?? DateTimeOffset.MinValue,
                entity.ETag.ToString());
        }
    }

    /// <summary>
    /// Deletes the marker if it is still the one the caller saw. False when a newer append replaced
    /// it (412): the newer events still need projecting, so the marker stays.
    /// </summary>
    public async Task<bool> ClearAsync(string streamId, ProjectionMarker marker, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(streamId, TableLayout.MarkerRowKey, new ETag(marker.ConcurrencyToken), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }
}
