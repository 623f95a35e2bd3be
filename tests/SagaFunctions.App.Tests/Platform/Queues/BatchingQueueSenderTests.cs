using System.Text.Json;
using System.Threading.Channels;
using SagaFunctions.App;
using SagaFunctions.App.Platform.Queues;
using SagaFunctions.App.ReadSide;

namespace SagaFunctions.App.Tests.Platform.Queues;

/// <summary>
/// The group commit in front of the app's queues: alone when nothing is in flight, together when items
/// arrive during a send, in order, within a message's size, and each caller told how its message fared.
/// </summary>
public sealed class BatchingQueueSenderTests
{
    [Fact]
    public async Task An_item_that_finds_no_send_in_flight_goes_out_alone_in_the_plain_form()
    {
        var queue = new GatedQueue();
        var sender = new BatchingQueueSender(queue.SendAsync);

        var sent = sender.SendAsync(Item(1));
        queue.OpenNext();
        await sent;

        Assert.Equal([Item(1)], queue.Bodies);
    }

    [Fact]
    public async Task Items_that_arrive_during_a_send_share_the_next_message_in_their_order()
    {
        var queue = new GatedQueue();
        var sender = new BatchingQueueSender(queue.SendAsync);

        var first = sender.SendAsync(Item(1));
        var during = Enumerable.Range(2, 3).Select(i => sender.SendAsync(Item(i))).ToList();
        queue.OpenNext();
        await first;
        Assert.All(during, t => Assert.False(t.IsCompleted));
        queue.OpenNext();
        await Task.WhenAll(during);

        Assert.Equal([Item(1), $"[{Item(2)},{Item(3)},{Item(4)}]"], queue.Bodies);
        Assert.Equal([2, 3, 4], QueueBatch.Read(queue.Bodies[1], AppJsonContext.Default.AppendNotification).Select(n => (int)n.Version));
    }

    [Fact]
    public async Task A_failed_send_faults_the_callers_in_its_message_only_and_the_next_message_still_goes()
    {
        var queue = new GatedQueue();
        var sender = new BatchingQueueSender(queue.SendAsync);

        var first = sender.SendAsync(Item(1));
        var second = sender.SendAsync(Item(2));
        queue.FailNext(new InvalidOperationException("queue down"));
        queue.OpenNext();
        queue.OpenNext();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal("queue down", error.Message);
        await second;
        Assert.Equal([Item(2)], queue.Bodies);
    }

    [Fact]
    public async Task A_batch_stops_at_the_item_count_and_the_rest_goes_in_the_next_message()
    {
        var queue = new GatedQueue();
        var sender = new BatchingQueueSender(queue.SendAsync);

        var first = sender.SendAsync(Item(0));
        var during = Enumerable.Range(1, QueueBatch.MaxItems + 1).Select(i => sender.SendAsync(Item(i))).ToList();
        queue.OpenNext();
        queue.OpenNext();
        queue.OpenNext();
        await Task.WhenAll(during.Append(first));

        Assert.Equal(3, queue.Bodies.Count);
        var full = QueueBatch.Read(queue.Bodies[1], AppJsonContext.Default.AppendNotification);
        Assert.Equal(QueueBatch.MaxItems, full.Count);
        Assert.Equal(QueueBatch.MaxItems + 1, QueueBatch.Read(queue.Bodies[2], AppJsonContext.Default.AppendNotification).Single().Version);
    }

    [Fact]
    public async Task A_batch_stays_within_a_message_body()
    {
        var queue = new GatedQueue();
        var sender = new BatchingQueueSender(queue.SendAsync);
        var bigStream = new string('s', 10 * 1024);

        var first = sender.SendAsync(Item(0));
        var during = Enumerable.Range(1, 10).Select(i => sender.SendAsync(Item(i, bigStream))).ToList();
        for (var i = 0; i < 4; i++)
        {
            queue.OpenNext();
        }

        await Task.WhenAll(during.Append(first));

        Assert.All(queue.Bodies, body => Assert.True(System.Text.Encoding.UTF8.GetByteCount(body) <= QueueBatch.MaxBodyBytes));
        Assert.Equal(Enumerable.Range(0, 11), queue.Bodies.SelectMany(b => QueueBatch.Read(b, AppJsonContext.Default.AppendNotification)).Select(n => (int)n.Version));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[{\"table\":\"T\",\"streamId\":\"s\",\"version\":1},null]")]
    [InlineData("{ not json")]
    public void A_body_that_holds_no_items_or_a_null_one_is_refused(string body) =>
        Assert.ThrowsAny<JsonException>(() => QueueBatch.Read(body, AppJsonContext.Default.AppendNotification));

    private static string Item(int version, string streamId = "order-1") =>
        JsonSerializer.Serialize(new AppendNotification("OrderEvents", streamId, version), AppJsonContext.Default.AppendNotification);

    /// <summary>A queue whose sends wait until the test opens them, one at a time, in order.</summary>
    private sealed class GatedQueue
    {
        private readonly Channel<bool> _opened = Channel.CreateUnbounded<bool>();
        private Exception? _failNext;

        public List<string> Bodies { get; } = [];

        public void OpenNext() => _opened.Writer.TryWrite(true);

        public void FailNext(Exception error) => _failNext = error;

        public async Task SendAsync(string body)
        {
            await _opened.Reader.ReadAsync();
            if (Interlocked.Exchange(ref _failNext, null) is { } error)
            {
                throw error;
            }

            lock (Bodies)
            {
                Bodies.Add(body);
            }
        }
    }
}
