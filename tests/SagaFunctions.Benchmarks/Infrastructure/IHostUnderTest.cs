namespace SagaFunctions.Benchmarks.Infrastructure;

/// <summary>What a benchmark drives: the HTTP API of a host (one process, or a group of them), its memory, its output.</summary>
internal interface IHostUnderTest : IAsyncDisposable
{
    HttpClient Http { get; }

    /// <summary>What the host printed (for a failed run).</summary>
    string Output { get; }

    /// <summary>Samples the working set (of all its processes together) until <paramref name="stop"/>; returns the peak, in bytes.</summary>
    Task<long> PeakWorkingSetAsync(CancellationToken stop);
}
