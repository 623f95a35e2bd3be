using Azure.Storage.Queues;

namespace SagaFunctions.App.Platform.Queues;

/// <summary>
/// Sends items to one queue with at most one send in flight, and puts the items that arrive during a
/// send into the next message together (group commit, as a database log does). An item that finds no
/// send in flight goes out at once, alone: a quiet system pays no added latency, and a busy one pays
/// one queue send and one delete per batch instead of per item. Items keep their order, across
/// messages too. Each caller learns whether its own item's message was sent.
/// </summary>
public sealed class BatchingQueueSender(Func<string, Task> send)
{
    private readonly Lock _gate = new();
    private readonly Queue<Pending> _waiting = new();
    private bool _sending;

    /// <summary>A sender to <paramref name="queue"/>, which it creates before its first send.</summary>
    public static BatchingQueueSender To(QueueClient queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var created = new Lazy<Task>(() => queue.CreateIfNotExistsAsync());
        return new BatchingQueueSender(async body =>
        {
            await created.Value;
            await queue.SendMessageAsync(body);
        });
    }

    /// <summary>Completes when the message holding <paramref name="item"/> (JSON) is sent; faults with that send's error.</summary>
    public Task SendAsync(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var pending = new Pending(item, QueueBatch.SizeOf(item), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _waiting.Enqueue(pending);
            start = !_sending;
            _sending = true;
        }

        if (start)
        {
            _ = DrainAsync();
        }

        return pending.Sent.Task;
    }

    /// <summary>Sends batches until no item waits; only one runs at a time (<see cref="_sending"/>).</summary>
    private async Task DrainAsync()
    {
        while (TakeBatch() is { } batch)
        {
            try
            {
                await send(QueueBatch.Join(batch.ConvertAll(p => p.Item)));
                batch.ForEach(p => p.Sent.TrySetResult());
            }
#pragma warning disable CA1031 // Whatever the send threw belongs to the callers waiting on it; the loop must go on for the others.
            catch (Exception e)
#pragma warning restore CA1031
            {
                batch.ForEach(p => p.Sent.TrySetException(e));
            }
        }
    }

    /// <summary>The waiting items that fit one message (at least one), or null when none waits (and sending stops).</summary>
    private List<Pending>? TakeBatch()
    {
        lock (_gate)
        {
            if (_waiting.Count == 0)
            {
                _sending = false;
                return null;
            }

            var batch = new List<Pending> { _waiting.Dequeue() };
            var size = batch[0].Size;
            while (batch.Count < QueueBatch.MaxItems && _waiting.TryPeek(out var next) && size + next.Size <= QueueBatch.MaxBodyBytes)
            {
                size += next.Size;
                batch.Add(_waiting.Dequeue());
            }

            return batch;
        }
    }

    private sealed record Pending(string Item, int Size, TaskCompletionSource Sent);
}
