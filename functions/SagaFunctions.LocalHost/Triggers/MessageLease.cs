using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace SagaFunctions.LocalHost.Triggers;

/// <summary>
/// Keeps a queue message invisible while its function runs, as the Functions host does: the lease is
/// renewed at half-time for as long as it is held, and every renewal gives a new pop receipt, which the
/// final delete or update must use. A renewal that finds the message gone or taken (404, or 400 for a
/// stale receipt) stops: the message is no longer ours to keep.
/// </summary>
public sealed partial class MessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly QueueMessage _message;
    private readonly TimeSpan _lease;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private string _receipt;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan lease, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(message);
        _queue = queue;
        _message = message;
        _lease = lease;
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

    private async Task RenewAsync()
    {
        var every = _lease / 2;
        while (true)
        {
            try
            {
                await Task.Delay(every, _stop.Token);
                var renewed = await _queue.UpdateMessageAsync(_message.MessageId, _receipt, visibilityTimeout: _lease, cancellationToken: _stop.Token);
                _receipt = renewed.Value.PopReceipt;
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
                // A busy or failing service: try again sooner, as the host does.
                LogRenewFailed(_logger, _message.MessageId, _queue.Name, e);
                every = TimeSpan.FromTicks(Math.Max(every.Ticks / 2, TimeSpan.FromSeconds(1).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on '{Queue}' is no longer leased to this host ({Status}); its lease is not renewed")]
    private static partial void LogLost(ILogger logger, string messageId, string queue, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of message {MessageId} on '{Queue}' failed")]
    private static partial void LogRenewFailed(ILogger logger, string messageId, string queue, Exception exception);
}
