using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using SagaFunctions.App.Platform.Queues;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Operations.Poison;

/// <summary>
/// A message of a poison queue: its content, and from what the app's function recorded when it failed
/// (<see cref="QueueFailures"/>) the last error, the failed attempts and when the last one was; those are
/// null for a message no function of this app recorded (one that came from elsewhere).
/// <see cref="DequeueCount"/> is the poison queue's own (how often the console's receives took it).
/// </summary>
public sealed record PoisonMessage(
    string Id, string Content, long DequeueCount, DateTimeOffset? InsertedOn, string? Error, int? FailedAttempts = null, DateTimeOffset? LastFailedAt = null);

/// <summary>A poison queue, the queue its messages came from, and its first messages.</summary>
public sealed record PoisonQueueContents(string Queue, string SourceQueue, int ApproximateCount, IReadOnlyList<PoisonMessage> Messages);

/// <summary>
/// The <c>-poison</c> queues of the app's storage: list, replay to the source queue, discard. A replay
/// sends the content to the source queue first and then deletes the poison message, so a crash in
/// between leaves a duplicate, never a loss; duplicates are harmless because every handler is
/// idempotent (projection by stream version, choreography by first decision).
/// </summary>
public sealed class PoisonMessages(SagaStorage storage, PoisonQueues poisonQueues, QueueFailures failures)
{
    public const string Suffix = PoisonQueues.Suffix;

    /// <summary>How many messages the list shows per queue (the queue service peeks at most 32).</summary>
    public const int Shown = 32;

    /// <summary>How long a receive hides the messages it looked through while looking for one.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<PoisonQueueContents>> ListAsync(CancellationToken cancellationToken)
    {
        var queues = new List<PoisonQueueContents>();
        // The queues and their depths as the read side's status counts them; then each one's first messages.
        foreach (var depth in await poisonQueues.DepthsAsync(cancellationToken))
        {
            var peeked = (await storage.Queue(depth.Queue).PeekMessagesAsync(Shown, cancellationToken)).Value;
            var failed = await failures.FindAsync(SourceOf(depth.Queue), peeked.Select(m => m.Body.ToString()), cancellationToken);
            queues.Add(new PoisonQueueContents(depth.Queue, SourceOf(depth.Queue), depth.Messages, [.. peeked.Select(m =>
            {
                var failure = failed.GetValueOrDefault(m.Body.ToString());
                return new PoisonMessage(m.MessageId, m.Body.ToString(), m.DequeueCount, m.InsertedOn, failure?.Error, failure?.FailedAttempts, failure?.LastFailedAt);
            })]));
        }

        return queues;
    }

    /// <summary>Replays one message; false when the queue or the message is not there (already replayed or discarded).</summary>
    /// <remarks>The message's recorded failures are forgotten: should it fail again, its count starts anew.</remarks>
    public Task<bool> ReplayAsync(string poisonQueue, string messageId, CancellationToken cancellationToken) =>
        TakeAsync(poisonQueue, messageId, async message =>
        {
            await failures.ForgetAsync(SourceOf(poisonQueue), message.Body.ToString(), cancellationToken);
            await (await SourceAsync(poisonQueue, cancellationToken)).SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        }, cancellationToken);

    public Task<bool> DiscardAsync(string poisonQueue, string messageId, CancellationToken cancellationToken) =>
        TakeAsync(poisonQueue, messageId, message => failures.ForgetAsync(SourceOf(poisonQueue), message.Body.ToString(), cancellationToken), cancellationToken);

    /// <summary>Replays every message of the queue; returns how many.</summary>
    public async Task<int> ReplayAllAsync(string poisonQueue, CancellationToken cancellationToken)
    {
        var queue = storage.Queue(poisonQueue);
        if (!IsPoisonQueue(poisonQueue) || !(await queue.ExistsAsync(cancellationToken)).Value)
        {
            return 0;
        }

        var source = await SourceAsync(poisonQueue, cancellationToken);
        // What is there now: a replayed message that fails again comes back later and is not chased.
        var limit = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        var replayed = 0;
        while (replayed < limit && (await queue.ReceiveMessagesAsync(Math.Min(Shown, limit - replayed), Hold, cancellationToken)).Value is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                await failures.ForgetAsync(SourceOf(poisonQueue), message.Body.ToString(), cancellationToken);
                await source.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                replayed++;
            }
        }

        return replayed;
    }

    public static bool IsPoisonQueue(string name) =>
        name is not null && name.EndsWith(Suffix, StringComparison.Ordinal) && name.Length > Suffix.Length;

    private static string SourceOf(string poisonQueue) => poisonQueue[..^Suffix.Length];

    /// <summary>The source queue (created if it is gone: a replay must not lose the message it took).</summary>
    private async Task<QueueClient> SourceAsync(string poisonQueue, CancellationToken cancellationToken)
    {
        var source = storage.Queue(SourceOf(poisonQueue));
        await source.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return source;
    }

    /// <summary>
    /// Finds the message by receiving the queue's messages (peeked ones cannot be deleted), does
    /// <paramref name="action"/> with it and deletes it; the others it received are made visible again at once.
    /// </summary>
    private async Task<bool> TakeAsync(string poisonQueue, string messageId, Func<QueueMessage, Task> action, CancellationToken cancellationToken)
    {
        var queue = storage.Queue(poisonQueue);
        if (!IsPoisonQueue(poisonQueue) || !(await queue.ExistsAsync(cancellationToken)).Value)
        {
            return false;
        }

        var held = new List<QueueMessage>();
        try
        {
            while ((await queue.ReceiveMessagesAsync(Shown, Hold, cancellationToken)).Value is { Length: > 0 } batch)
            {
                if (batch.FirstOrDefault(m => m.MessageId == messageId) is { } found)
                {
                    held.AddRange(batch.Where(m => m != found));
                    await action(found);
                    await queue.DeleteMessageAsync(found.MessageId, found.PopReceipt, cancellationToken);
                    return true;
                }

                held.AddRange(batch);
            }

            return false;
        }
        finally
        {
            foreach (var other in held)
            {
                await queue.UpdateMessageAsync(other.MessageId, other.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            }
        }
    }
}
