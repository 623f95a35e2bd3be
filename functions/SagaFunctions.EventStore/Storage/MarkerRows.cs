using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace SagaFunctions.EventStore.Storage;

/// <summary>
/// Projection markers, one row per stream in the table's marker partition (<see cref="TableLayout.MarkerPartition"/>):
/// an append announces the version it is about to reach before it writes (<see cref="AnnounceAsync"/>),
/// so no committed append is ever without its marker; the read side deletes a marker once it has
/// applied the stream up to exactly that version, and only if no newer append replaced it (ETag).
/// A marker whose append never committed stays behind; the sweep drops it once it is old.
/// Listing them is a query of one partition: it costs what is pending, not what was ever written.
/// </summary>
internal sealed class MarkerRows(TableClient table)
{
    /// <summary>Marks the stream as having (soon) events up to <paramref name="version"/>; replaces an older marker.</summary>
    public async Task<ProjectionMarker> AnnounceAsync(string streamId, long version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = new TableEntity(TableLayout.MarkerPartition, streamId) { [TableLayout.Version] = version, [TableLayout.AppendedAt] = now };
        var response = await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return new ProjectionMarker(streamId, version, now, response.Headers.ETag?.ToString() ?? string.Empty);
    }

    public async IAsyncEnumerable<ProjectionMarker> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableLayout.MarkerPartition}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToMarker(entity);
        }
    }

    /// <summary>The stream's marker, or null when nothing is pending.</summary>
    public async Task<ProjectionMarker?> GetAsync(string streamId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableLayout.MarkerPartition, streamId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? ToMarker(row.Value!) : null;
    }

    /// <summary>
    /// Deletes the marker if it is still the one the caller saw. False when a newer append replaced
    /// it (412): the newer events still need projecting, so the marker stays.
    /// </summary>
    public async Task<bool> ClearAsync(string streamId, ProjectionMarker marker, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(TableLayout.MarkerPartition, streamId, new ETag(marker.ConcurrencyToken), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return ex.Status == 404;
        }
    }

    private static ProjectionMarker ToMarker(TableEntity entity) => new(
        entity.RowKey,
        entity.GetInt64(TableLayout.Version) ?? 0,
        entity.GetDateTimeOffset(TableLayout.AppendedAt) ?? DateTimeOffset.MinValue,
        entity.ETag.ToString());
}
