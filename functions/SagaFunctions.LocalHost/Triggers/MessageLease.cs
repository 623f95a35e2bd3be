using System.Diagnostics;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace SagaFunctions.LocalHost.Triggers;

/// <summary>
/// Keeps a queue message invisible while its function runs, as the Functions host does: the lease is
/// renewed at half-time for as long as it is held, and every renewal gives a new pop receipt, which the
/// final delete or update must use. Half-time is counted from when the lease was asked for (the receive
/// or the last renewal was sent), not from when the answer came: on a busy machine an answer can take a
/// good part of a short lease, and a renewal timed from it would come after the message showed again.
/// A renewal that finds the message gone or taken (404, or 400 for a stale receipt) stops: the message
/// is no longer ours to keep.
/// </summary>
public sealed partial class MessageLease : IAsyncDisposable
{
    /// <summary>The shortest wait between renewals (a lease about to run out is renewed at once, but not in a loop).</summary>
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(200);

    private readonly QueueClient _queue;
    private readonly QueueMessage _message;
    private readonly TimeSpan _lease;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private string _receipt;
    private long _askedAt;

    /// <param name="askedAt">When the receive that leased the message was sent (<see cref="Stopwatch.GetTimestamp"/>).</param>
    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan lease, long askedAt, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(message);
        _queue = queue;
        _message = message;
        _lease = lease;
        _askedAt = askedAt;
        _logger = logger;
        _receipt = message.PopReceipt;
        _renewing = RenewAsync();
    }

    /// <summary>Stops renewing; returns the pop receipt to delete or update the message with.</summary>
    public async Task<string> EndAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        return _receipt;
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync();
        _stop.Dispose();
    }

    /// <summary>What is left of the lease, counted from when it was last asked for.</summary>
    private TimeSpan Left => _lease - Stopwatch.GetElapsedTime(_askedAt);

    private async Task RenewAsync()
    {
        while (true)
        {
            try
            {
                // Half of what is left: half the lease after a prompt answer, sooner after a slow one or a failed renewal.
                var wait = Left / 2;
                await Task.Delay(wait > MinimumWait ? wait : MinimumWait, _stop.Token);
                var asking = Stopwatch.GetTimestamp();
                var renewed = await _queue.UpdateMessageAsync(_message.MessageId, _receipt, visibilityTimeout: _lease, cancellationToken: _stop.Token);
                _receipt = renewed.Value.PopReceipt;
                _askedAt = asking;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RequestFailedException e) when (e.Status is 400 or 404)
            {
                LogLost(_logger, _message.MessageId, _queue.Name, e.Status);
                return;
            }
            catch (RequestFailedException e)
            {
                // A busy or failing service: the next try comes sooner, as what is left of the lease shrinks.
                LogRenewFailed(_logger, _message.MessageId, _queue.Name, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on '{Queue}' is no longer leased to this host ({Status}); its lease is not renewed")]
    private static partial void LogLost(ILogger logger, string messageId, string queue, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of message {MessageId} on '{Queue}' failed")]
    private static partial void LogRenewFailed(ILogger logger, string messageId, string queue, Exception exception);
}
