using Azure;
using Azure.Data.Tables;

namespace SagaFunctions.EventStore.Storage;

/// <summary>Consumers' checkpoints, one row per consumer in the stream's partition (RowKey "c-" + consumer).</summary>
internal sealed class CheckpointRows(TableClient table)
{
    public async Task<StreamCheckpoint> ReadAsync(string streamId, string consumer, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(streamId, TableLayout.CheckpointRowKey(consumer), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue
            ? new StreamCheckpoint(streamId, consumer, row.Value!.GetInt64(TableLayout.Version) ?? 0, row.Value.ETag.ToString())
            : StreamCheckpoint.None(streamId, consumer);
    }

    /// <summary>The checkpoint as stored, or null when it was not the expected one (nothing written).</summary>
    public async Task<StreamCheckpoint?> SaveAsync(StreamCheckpoint expected, long version, CancellationToken cancellationToken)
    {
        var row = new TableEntity(expected.StreamId, TableLayout.CheckpointRowKey(expected.Consumer)) { [TableLayout.Version] = version };
        try
        {
            var response = expected.ConcurrencyToken is { } token
                ? await table.UpdateEntityAsync(row, new ETag(token), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                : await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return expected with { Version = version, ConcurrencyToken = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return null;
        }
    }
}
