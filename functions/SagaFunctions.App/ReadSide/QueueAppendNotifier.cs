using System.Text.Json;
using SagaFunctions.EventStore;
using Microsoft.Extensions.Logging;
using SagaFunctions.App.Platform.Queues;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.App.ReadSide.SpeedUps;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// A notification that a stream has new events up to <see cref="Version"/>. <see cref="MarkerToken"/> is
/// the ETag of the marker that append left (null when unknown): the projection clears the marker with
/// it instead of reading it first. <see cref="FirstVersion"/> is the append's first version when it
/// wrote them (0: unknown); 1 means the append started the stream, so nothing was projected from it yet.
/// <see cref="TraceParent"/> is the W3C trace context of the append, for the projection pass to join.
/// </summary>
public sealed record AppendNotification(string Table, string StreamId, long Version, string? MarkerToken = null, long FirstVersion = 0, string? TraceParent = null)
{
    /// <summary>What <paramref name="append"/> to <paramref name="table"/> tells the projection.</summary>
    public static AppendNotification Of(string table, AppendResult append)
    {
        ArgumentNullException.ThrowIfNull(append);
        return new(
            table, append.StreamId, append.LastVersion, append.Marker?.ConcurrencyToken, append.AlreadyAppended ? 0 : append.FirstVersion, SagaTelemetry.CurrentTraceParent);
    }

    /// <summary>The marker the append left, when the notification carries its token (else it is read).</summary>
    public ProjectionMarker? AppendMarker() => MarkerToken is { } token ? new ProjectionMarker(StreamId, Version, default, token) : null;
}

/// <summary>
/// Sends an <see cref="AppendNotification"/> to the projection queue, and leaves the append's events
/// with <see cref="RecentAppends"/> for a pass in this process. The send is not awaited: the command
/// (a saga step, an HTTP request) is done once its append commits, and need not wait a round trip
/// for a wake-up call. A failed send is logged, not thrown: the append's marker makes the sweep
/// project it anyway. Notifications made while a send is in flight share the next message
/// (<see cref="BatchingQueueSender"/>).
/// </summary>
public sealed partial class QueueAppendNotifier(SagaStorage storage, RecentAppends recent, ILogger<QueueAppendNotifier> logger) : IAppendNotifier
{
    public const string QueueName = "projection-notifications";

    private readonly BatchingQueueSender _sender = BatchingQueueSender.To(storage.Queue(QueueName));

    public Task NotifyAsync(string tableName, AppendResult append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        if (append.Events is { } events)
        {
            recent.Record(tableName, events);
        }

        _ = SendAsync(AppendNotification.Of(tableName, append));
        return Task.CompletedTask;
    }

    private async Task SendAsync(AppendNotification notification)
    {
        try
        {
            await _sender.SendAsync(JsonSerializer.Serialize(notification, AppJsonContext.Default.AppendNotification));
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or ObjectDisposedException or OperationCanceledException)
        {
            LogNotifyFailed(logger, notification.StreamId, notification.Version, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify the projections of {StreamId}@{Version}; the sweep will pick it up")]
    private static partial void LogNotifyFailed(ILogger logger, string streamId, long version, Exception exception);
}
