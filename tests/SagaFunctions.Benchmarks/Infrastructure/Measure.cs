using System.Diagnostics;

namespace SagaFunctions.Benchmarks.Infrastructure;

/// <summary>Timing helpers: medians of a few runs, so one slow run (GC, disk flush) does not decide a figure.</summary>
internal static class Measure
{
    public static async Task<TimeSpan> MedianAsync(int runs, Func<Task> action)
    {
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            times.Add(clock.Elapsed);
        }

        times.Sort();
        return times[runs / 2];
    }
}
