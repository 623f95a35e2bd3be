using System.Text.Json;
using SagaFunctions.EventStore;
using Microsoft.Extensions.Logging;

namespace SagaFunctions.App.Infrastructure;

/// <summary>
/// A notification that a stream has new events up to <see cref="Version"/>. <see cref="MarkerToken"/> is
/// the ETag of the marker that append left (null when unknown): the projection clears the marker with
/// it instead of reading it first. <see cref="FirstVersion"/> is the append's first version when it
/// wrote them (0: unknown); 1 means the append started the stream, so nothing was projected from it yet.
/// </summary>
public sealed record AppendNotification(string Table, string StreamId, long Version, string? MarkerToken = null, long FirstVersion = 0);

/// <summary>
/// Sends an <see cref="AppendNotification"/> to the projection queue, and leaves the append's events
/// with <see cref="RecentAppends"/> for a pass in this process. A failed send is logged, not thrown:
/// the append is committed, and its marker makes the sweep project it anyway.
/// </summary>
public sealed partial class QueueAppendNotifier(SagaStorage storage, RecentAppends recent, ILogger<QueueAppendNotifier> logger) : IAppendNotifier
{
    public const string QueueName = "projection-notifications";

    private readonly Lazy<Task> _created = new(() => storage.Queue(QueueName).CreateIfNotExistsAsync());

    public async Task NotifyAsync(string tableName, AppendResult append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        var (streamId, version) = (append.StreamId, append.LastVersion);
        if (append.Events is { } events)
        {
            recent.Record(tableName, events);
        }

        try
        {
            await _created.Value;
            var body = JsonSerializer.Serialize(new AppendNotification(tableName, streamId, version, append.Marker?.ConcurrencyToken, append.AlreadyAppended ? 0 : append.FirstVersion), AppJsonContext.Default.AppendNotification);
            await storage.Queue(QueueName).SendMessageAsync(body, cancellationToken);
        }
        catch (Azure.RequestFailedException e)
        {
            LogNotifyFailed(logger, streamId, version, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify the projections of {StreamId}@{Version}; the sweep will pick it up")]
    private static partial void LogNotifyFailed(ILogger logger, string streamId, long version, Exception exception);
}
