using Azure;
using Azure.Data.Tables;

namespace SagaFunctions.EventStore.Storage;

/// <summary>
/// Consumers' checkpoints, one row per consumer in the stream's partition (RowKey "c-" + consumer).
/// A save that also clears the marker is one transaction: one request instead of two, and the
/// checkpoint never says "done" while the marker says "pending" for the same append.
/// </summary>
internal sealed class CheckpointRows(TableClient table)
{
    public async Task<StreamCheckpoint> ReadAsync(string streamId, string consumer, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(streamId, TableLayout.CheckpointRowKey(consumer), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue
            ? new StreamCheckpoint(streamId, consumer, row.Value!.GetInt64(TableLayout.Version) ?? 0, row.Value.ETag.ToString())
            : StreamCheckpoint.None(streamId, consumer);
    }

    public async Task<CheckpointSave> SaveAsync(StreamCheckpoint expected, long version, ProjectionMarker? marker, CancellationToken cancellationToken)
    {
        var row = new TableEntity(expected.StreamId, TableLayout.CheckpointRowKey(expected.Consumer)) { [TableLayout.Version] = version };
        var write = expected.ConcurrencyToken is { } token
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, new ETag(token))
            : new TableTransactionAction(TableTransactionActionType.Add, row);
        if (marker is null)
        {
            return new CheckpointSave(await WriteAloneAsync(expected, version, write, cancellationToken).ConfigureAwait(false), false);
        }

        var clear = new TableTransactionAction(
            TableTransactionActionType.Delete, new TableEntity(expected.StreamId, TableLayout.MarkerRowKey), new ETag(marker.ConcurrencyToken));
        try
        {
            var responses = await table.SubmitTransactionAsync([write, clear], cancellationToken).ConfigureAwait(false);
            return new CheckpointSave(Stored(expected, version, responses.Value[0].Headers.ETag), true);
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 1 && e.Status is 404 or 412)
        {
            // A newer append replaced the marker (it stays for that append's pass): save the checkpoint alone.
            return new CheckpointSave(await WriteAloneAsync(expected, version, write, cancellationToken).ConfigureAwait(false), false);
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status is 404 or 409 or 412)
        {
            return new CheckpointSave(null, false);
        }
    }

    private async Task<StreamCheckpoint?> WriteAloneAsync(StreamCheckpoint expected, long version, TableTransactionAction write, CancellationToken cancellationToken)
    {
        try
        {
            var response = write.ActionType == TableTransactionActionType.Add
                ? await table.AddEntityAsync(write.Entity, cancellationToken).ConfigureAwait(false)
                : await table.UpdateEntityAsync(write.Entity, write.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return Stored(expected, version, response.Headers.ETag);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    private static StreamCheckpoint Stored(StreamCheckpoint expected, long version, ETag? etag) =>
        expected with { Version = version, ConcurrencyToken = etag?.ToString() };
}
