using Azure.Data.Tables;

namespace SagaFunctions.EventStore.Storage;

/// <summary>
/// The latest snapshot of a stream, one row per stream (RowKey "snapshot"): a point read to load,
/// an upsert to replace. A snapshot is a cache; the events stay the truth.
/// </summary>
internal sealed class SnapshotRows
{
    private readonly TableClient _table;

    public SnapshotRows(TableClient table) => _table = table;

    public async Task<StoredSnapshot?> ReadAsync(string streamId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(streamId, TableLayout.SnapshotRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        return new StoredSnapshot(
            entity.GetString(TableLayout.AggregateName) ?? string.Empty,
            entity.GetInt32(TableLayout.SchemaVersion) ?? -1,
            entity.GetInt64(TableLayout.Version) ?? 0,
            PayloadColumns.Read(entity));
    }

    /// <summary>Writes the snapshot; false (nothing written) when it would exceed the entity limit.</summary>
    public async Task<bool> WriteAsync(string streamId, StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(streamId, TableLayout.SnapshotRowKey)
        {
            [TableLayout.AggregateName] = snapshot.AggregateName,
            [TableLayout.SchemaVersion] = snapshot.SchemaVersion,
            [TableLayout.Version] = snapshot.Version,
        };
        PayloadColumns.Write(entity, snapshot.StateJson);
        if (EntitySize.StorageBytes(entity) > TableLimits.MaxEntityBytes)
        {
            return false;
        }

        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
