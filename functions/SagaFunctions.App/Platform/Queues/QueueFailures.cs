using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Platform.Queues;

/// <summary>The last failure of a queue message's handling, and how many attempts failed.</summary>
public sealed record QueueFailure(string Error, int FailedAttempts, DateTimeOffset LastFailedAt);

/// <summary>
/// What the app's queue-triggered functions record when they throw: the error and the count of failed
/// attempts of each message, keyed by the source queue and the message's content. The Functions host
/// moves a message to <c>-poison</c> with neither (and under a new message id, hence the content as the
/// key), so this is what the operator console shows beside a poison message. Best effort: a failure to
/// record is logged, never thrown over the handler's own error.
/// </summary>
public sealed partial class QueueFailures(SagaStorage storage, TimeProvider time, ILogger<QueueFailures> logger)
{
    public const string TableName = "QueueFailures";

    /// <summary>How much of an error is kept (a stack trace is in the logs).</summary>
    private const int ErrorLength = 1_000;

    private readonly Lazy<Task> _created = new(() => storage.Table(TableName).CreateIfNotExistsAsync());

    /// <summary>Runs <paramref name="handle"/> on a message of <paramref name="queue"/>, recording its failure before it goes on.</summary>
    public async Task HandleAsync(string queue, string message, Func<Task> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        try
        {
            await handle();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordAsync(queue, message, e);
            throw;
        }
    }

    /// <summary>The failures recorded for these contents of <paramref name="queue"/>'s messages (those it has).</summary>
    public async Task<IReadOnlyDictionary<string, QueueFailure>> FindAsync(string queue, IEnumerable<string> contents, CancellationToken cancellationToken)
    {
        await _created.Value;
        var table = storage.Table(TableName);
        var found = await Task.WhenAll(contents.Distinct().Select(async content =>
            (content, row: await table.GetEntityIfExistsAsync<TableEntity>(queue, Key(content), cancellationToken: cancellationToken))));
        return found.Where(f => f.row.HasValue).ToDictionary(f => f.content, f => Read(f.row.Value!));
    }

    /// <summary>Forgets a message's failures (it left the poison queue: replayed or discarded).</summary>
    public async Task ForgetAsync(string queue, string content, CancellationToken cancellationToken)
    {
        await _created.Value;
        try
        {
            await storage.Table(TableName).DeleteEntityAsync(queue, Key(content), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Nothing was recorded for it.
        }
    }

    /// <summary>
    /// Forgets failures last seen before <paramref name="cutoff"/>: most are of messages a retry then
    /// handled, which leave no trace otherwise. Returns how many.
    /// </summary>
    public async Task<int> ForgetOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await _created.Value;
        var table = storage.Table(TableName);
        var forgotten = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"LastFailedAt lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            forgotten++;
        }

        return forgotten;
    }

    private async Task RecordAsync(string queue, string message, Exception error)
    {
        try
        {
            await _created.Value;
            var table = storage.Table(TableName);
            var text = $"{error.GetType().Name}: {error.Message}";
            var key = Key(message);
            // Read, count, write back under the row's ETag: two instances failing on copies of one message count twice.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var existing = await table.GetEntityIfExistsAsync<TableEntity>(queue, key);
                var row = new TableEntity(queue, key)
                {
                    ["Error"] = text.Length > ErrorLength ? text[..ErrorLength] : text,
                    ["FailedAttempts"] = (existing.HasValue ? existing.Value!.GetInt32("FailedAttempts") ?? 0 : 0) + 1,
                    ["LastFailedAt"] = time.GetUtcNow(),
                };
                try
                {
                    await (existing.HasValue ? table.UpdateEntityAsync(row, existing.Value!.ETag, TableUpdateMode.Replace) : table.AddEntityAsync(row));
                    return;
                }
                catch (RequestFailedException e) when (e.Status is 409 or 412)
                {
                    // Another attempt recorded first: count on top of it.
                }
            }
        }
        catch (RequestFailedException e)
        {
            LogNotRecorded(logger, queue, e);
        }
    }

    private static QueueFailure Read(TableEntity row) =>
        new(row.GetString("Error") ?? "", row.GetInt32("FailedAttempts") ?? 0, row.GetDateTimeOffset("LastFailedAt") ?? row.Timestamp ?? DateTimeOffset.MinValue);

    /// <summary>A row key for a message's content (up to 64 KB, more than a key may hold).</summary>
    private static string Key(string content) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failure of a message on '{Queue}' was not recorded")]
    private static partial void LogNotRecorded(ILogger logger, string queue, Exception exception);
}
