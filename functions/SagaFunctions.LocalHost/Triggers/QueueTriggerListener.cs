using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.LocalHost.Configuration;
using SagaFunctions.LocalHost.Invocation;

namespace SagaFunctions.LocalHost.Triggers;

/// <summary>
/// A queueTrigger function, run the way the Functions host runs it: batches polled with
/// back-off up to maxPollingInterval, the next batch fetched as soon as only newBatchThreshold
/// messages are still running (one slow message does not hold up the queue), each message held for
/// a 10-minute lease renewed at half-time while its function runs, a failed message made visible
/// again after visibilityTimeout, and moved to <c>{queue}-poison</c> after maxDequeueCount attempts.
/// With <c>LocalHost:DeliverEveryMessageTwice</c> (tests: a duplicate storm made on purpose) a
/// message that succeeded is made visible again once instead of deleted, as an at-least-once queue
/// may do, and delivered a second time, to whichever process polls first.
/// </summary>
public sealed partial class QueueTriggerListener(
    FunctionInvoker invoker,
    IConfiguration configuration,
    HostJsonSettings host,
    IServiceProvider services,
    ILogger<QueueTriggerListener> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Heads the User-Agent of the listeners' requests (polls, deletes), telling them apart in storage logs.</summary>
    public const string ApplicationId = "LocalHostQueueTriggers";

    private QueueSettings Settings => host.Queues;

    /// <summary>
    /// While a message is being processed nobody else may take it: the Functions host leases it for
    /// 10 minutes and renews the lease at half-time for as long as the function runs
    /// (<c>LocalHost:QueueMessageLease</c> shortens it for tests).
    /// </summary>
    private TimeSpan ProcessingLease => configuration.GetValue("LocalHost:QueueMessageLease", TimeSpan.FromMinutes(10));

    private bool DeliverTwice => configuration.GetValue("LocalHost:DeliverEveryMessageTwice", false);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var trigger = invoker.Function.TriggerAttribute<QueueTriggerAttribute>();
        var queueName = SettingExpressions.Resolve(trigger.QueueName, configuration);
        var connection = new StorageConnections(configuration).Resolve(trigger.Connection);
        var options = ClientOptions(Settings);
        var queue = new QueueClient(connection, queueName, options);
        var poison = new QueueClient(connection, queueName + "-poison", options);
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);

        var idle = MinimumPollingInterval;
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count > Settings.EffectiveNewBatchThreshold)
            {
                await Task.WhenAny(running);
                continue;
            }

            QueueMessage[] messages;
            // The leases run from before the ask at the latest: a slow answer leaves less of them, and their renewals come sooner.
            var askedAt = Stopwatch.GetTimestamp();
            try
            {
                messages = (await queue.ReceiveMessagesAsync(Settings.BatchSize, ProcessingLease, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Azure.RequestFailedException e)
            {
                LogPollFailed(logger, queueName, e);
                messages = [];
            }

            if (messages.Length == 0)
            {
                await DelayAsync(idle, stoppingToken);
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, Settings.MaxPollingInterval.Ticks));
                continue;
            }

            idle = MinimumPollingInterval;
            running.AddRange(messages.Select(m => ProcessAsync(queue, poison, m, askedAt, stoppingToken)));
        }

        await Task.WhenAll(running);
    }

    /// <summary>The listeners' queue client options: host.json's message encoding, and <see cref="ApplicationId"/>.</summary>
    public static QueueClientOptions ClientOptions(QueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new QueueClientOptions
        {
            MessageEncoding = string.Equals(settings.MessageEncoding, "none", StringComparison.OrdinalIgnoreCase) ? QueueMessageEncoding.None : QueueMessageEncoding.Base64,
        };
        options.Diagnostics.ApplicationId = ApplicationId;
        return options;
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, long askedAt, CancellationToken stoppingToken)
    {
        await using var lease = new MessageLease(queue, message, ProcessingLease, askedAt, logger);
        try
        {
            using var scope = services.CreateScope();
            await invoker.InvokeAsync(new InvocationRequest(scope.ServiceProvider, Convert(message), stoppingToken));
            var receipt = await lease.EndAsync();
            if (DeliverTwice && message.DequeueCount == 1)
            {
                await queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            }
            else
            {
                await queue.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            var receipt = await lease.EndAsync();
            if (message.DequeueCount >= Settings.MaxDequeueCount)
            {
                LogPoisoned(logger, message.MessageId, queue.Name, message.DequeueCount, e);
                await poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
                await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: Settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the message becomes visible again when its lease ends.
        }
    }

    private object? Convert(QueueMessage message)
    {
        var type = invoker.TriggerType;
        if (type == typeof(string))
        {
            return message.Body.ToString();
        }

        if (type == typeof(BinaryData))
        {
            return message.Body;
        }

        if (type == typeof(byte[]))
        {
            return message.Body.ToArray();
        }

        if (type == typeof(QueueMessage))
        {
            return message;
        }

        return JsonSerializer.Deserialize(message.Body.ToString(), type, JsonSerializerOptions.Web);
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, token);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue '{Queue}' failed")]
    private static partial void LogPollFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on '{Queue}' failed {DequeueCount} times: moved to the poison queue")]
    private static partial void LogPoisoned(ILogger logger, string messageId, string queue, long dequeueCount, Exception exception);
}
