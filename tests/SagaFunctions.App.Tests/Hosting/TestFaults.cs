using System.Collections.Concurrent;
using SagaFunctions.App.Saga;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>
/// Faults a test arms for one order, through the app's own fault seam (no mock): throw before an
/// activity does its work (a transient fault or a compensation that keeps failing), or after it
/// committed (a crash before the result got back); and steps held at their start (<see cref="HeldSteps"/>).
/// </summary>
public sealed class TestFaults(HeldSteps holds) : IFaultInjector
{
    private readonly ConcurrentDictionary<(string Activity, string OrderId, bool After), int> _remaining = new();
    private readonly ConcurrentDictionary<(string Activity, string OrderId), int> _calls = new();

    /// <summary>Fail the next <paramref name="times"/> calls of <paramref name="activity"/> for the order (int.MaxValue: always).</summary>
    public void FailBefore(string activity, string orderId, int times) => _remaining[(activity, orderId, false)] = times;

    public void FailAfter(string activity, string orderId, int times) => _remaining[(activity, orderId, true)] = times;

    public int Calls(string activity, string orderId) => _calls.GetValueOrDefault((activity, orderId));

    public async Task BeforeAsync(string activity, string orderId)
    {
        _calls.AddOrUpdate((activity, orderId), 1, (_, n) => n + 1);
        await holds.BeforeAsync(activity, orderId);
        await Trip(activity, orderId, after: false);
    }

    public Task AfterAsync(string activity, string orderId) => Trip(activity, orderId, after: true);

    private Task Trip(string activity, string orderId, bool after)
    {
        var key = (activity, orderId, after);
        while (_remaining.TryGetValue(key, out var left) && left > 0)
        {
            if (_remaining.TryUpdate(key, left == int.MaxValue ? left : left - 1, left))
            {
                throw new InvalidOperationException($"Injected fault {(after ? "after" : "before")} {activity} for {orderId}.");
            }
        }

        return Task.CompletedTask;
    }
}
