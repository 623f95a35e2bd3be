using System.Collections.Concurrent;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>
/// Holds one step of one order at its start until the test lets it go: a saga made to stand just
/// before a step (the pivot) while the test cancels it or lets its deadline pass, with no timing
/// involved. Every other step runs as in production. The host's fault seam (<see cref="TestFaults"/>) asks it first.
/// </summary>
public sealed class HeldSteps
{
    private readonly ConcurrentDictionary<(string Step, string OrderId), StepHold> _holds = new();

    /// <summary>Holds <paramref name="step"/> of the order from now on; dispose the hold to let it go.</summary>
    public StepHold Hold(string step, string orderId) => _holds.GetOrAdd((step, orderId), _ => new StepHold());

    /// <summary>Waits while <paramref name="activity"/> of the order is held.</summary>
    public Task BeforeAsync(string activity, string orderId) =>
        _holds.TryGetValue((activity, orderId), out var hold) ? hold.ArriveAsync() : Task.CompletedTask;
}

/// <summary>One held step: <see cref="Reached"/> completes when the saga stands at it; <see cref="Release"/> lets it run.</summary>
public sealed class StepHold : IDisposable
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>Releases, so a failing test never leaves a handler (and its queue batch) blocked.</summary>
    public void Dispose() => Release();

    internal Task ArriveAsync()
    {
        _reached.TrySetResult();
        return _released.Task;
    }
}
