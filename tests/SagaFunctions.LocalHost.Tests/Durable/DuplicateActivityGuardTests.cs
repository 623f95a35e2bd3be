using System.Reflection;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging.Abstractions;
using SagaFunctions.LocalHost.Durable;

namespace SagaFunctions.LocalHost.Tests.Durable;

public sealed class DuplicateActivityGuardTests
{
    [Fact]
    public async Task A_second_copy_of_a_running_activity_goes_back_to_the_queue_and_runs_once_the_first_has_answered()
    {
        var backend = FakeBackend.Create(out var fake);
        fake.Queue.Enqueue(WorkItem("m1", "order-1", 0));
        fake.Queue.Enqueue(WorkItem("m2", "order-1", 0)); // the same activity, enqueued again
        fake.Queue.Enqueue(WorkItem("m3", "order-1", 2));
        var guard = new DuplicateActivityGuard(backend, NullLogger<DuplicateActivityGuard>.Instance);

        var first = await guard.LockNextTaskActivityWorkItem(TimeSpan.Zero, CancellationToken.None);
        var next = await guard.LockNextTaskActivityWorkItem(TimeSpan.Zero, CancellationToken.None);

        Assert.Equal("m1", first.Id);
        Assert.Equal("m3", next.Id);
        Assert.Equal(["m2"], fake.Abandoned);

        await guard.CompleteTaskActivityWorkItemAsync(first, new TaskMessage());
        fake.Queue.Enqueue(WorkItem("m2", "order-1", 0)); // visible again after the back-off
        var copy = await guard.LockNextTaskActivityWorkItem(TimeSpan.Zero, CancellationToken.None);

        Assert.Equal("m2", copy.Id);
        Assert.Equal(["m1"], fake.Completed);
    }

    [Fact]
    public async Task An_abandoned_activity_can_be_handed_out_again()
    {
        var backend = FakeBackend.Create(out var fake);
        fake.Queue.Enqueue(WorkItem("m1", "order-1", 0));
        var guard = new DuplicateActivityGuard(backend, NullLogger<DuplicateActivityGuard>.Instance);

        var first = await guard.LockNextTaskActivityWorkItem(TimeSpan.Zero, CancellationToken.None);
        await guard.AbandonTaskActivityWorkItemAsync(first);
        fake.Queue.Enqueue(WorkItem("m1", "order-1", 0));
        var again = await guard.LockNextTaskActivityWorkItem(TimeSpan.Zero, CancellationToken.None);

        Assert.Equal("m1", again.Id);
        Assert.Equal(["m1"], fake.Abandoned);
    }

    private static TaskActivityWorkItem WorkItem(string messageId, string instanceId, int taskId) => new()
    {
        Id = messageId,
        TaskMessage = new TaskMessage
        {
            Event = new TaskScheduledEvent(taskId, "ReserveCredit"),
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = "e1" },
        },
    };

    /// <summary>The activity half of a backend: a queue to lock from, and what was completed or abandoned.</summary>
    public class FakeBackend : DispatchProxy
    {
        public Queue<TaskActivityWorkItem> Queue { get; } = new();

        public List<string> Abandoned { get; } = [];

        public List<string> Completed { get; } = [];

        public static IOrchestrationService Create(out FakeBackend fake)
        {
            var proxy = Create<IOrchestrationService, FakeBackend>();
            fake = (FakeBackend)(object)proxy;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod?.Name)
            {
                case nameof(IOrchestrationService.LockNextTaskActivityWorkItem):
                    return Task.FromResult(Queue.Dequeue());
                case nameof(IOrchestrationService.AbandonTaskActivityWorkItemAsync):
                    Abandoned.Add(((TaskActivityWorkItem)args![0]!).Id);
                    return Task.CompletedTask;
                case nameof(IOrchestrationService.CompleteTaskActivityWorkItemAsync):
                    Completed.Add(((TaskActivityWorkItem)args![0]!).Id);
                    return Task.CompletedTask;
                default:
                    throw new NotSupportedException(targetMethod?.Name);
            }
        }
    }
}
