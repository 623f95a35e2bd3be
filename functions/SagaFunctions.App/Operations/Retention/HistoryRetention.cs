using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SagaFunctions.App.Operations.Actions;
using SagaFunctions.App.Platform.Queues;

namespace SagaFunctions.App.Operations.Retention;

/// <summary>
/// The retention timer (hourly, at minute 17: a retention counted in days needs no schedule of its own): purges the
/// orchestration history of sagas finished more than <c>Saga:HistoryRetention</c> ago (a TimeSpan,
/// default 30 days). Running sagas are never purged; event streams and views never are. Recorded queue
/// failures (<see cref="QueueFailures"/>) last seen that long ago go with them.
/// </summary>
public sealed partial class HistoryRetention(IConfiguration configuration, TimeProvider time, QueueFailures failures, ILogger<HistoryRetention> logger)
{
    public const string RetentionSetting = "Saga:HistoryRetention";
    public const string Schedule = "0 17 * * * *";
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(30);

    public TimeSpan Retention => configuration.GetValue(RetentionSetting, DefaultRetention);

    [Function(nameof(PurgeFinishedSagaHistory))]
    public Task PurgeFinishedSagaHistory(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        PurgeAsync(durable, cancellationToken);

    /// <summary>One retention pass; returns how many sagas' histories were purged.</summary>
    public async Task<int> PurgeAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - Retention;
        var purged = await durable.PurgeFinishedBeforeAsync(cutoff, cancellationToken);
        var forgotten = await failures.ForgetOlderThanAsync(cutoff, cancellationToken);
        LogPurged(logger, purged, forgotten, cutoff);
        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged the orchestration history of {Count} sagas finished before {Cutoff:O}, and {Failures} queue failures last seen before it")]
    private static partial void LogPurged(ILogger logger, int count, int failures, DateTimeOffset cutoff);
}
