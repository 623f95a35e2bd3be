using Microsoft.Azure.Functions.Worker;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// The timer that drives the choreography's step timeout (<c>ChoreographySweepSchedule</c>, six-field
/// NCRONTAB). A stalled order is timed out within one step timeout plus one sweep interval.
/// </summary>
public sealed class ChoreographyDeadlineSweep(ChoreographyTimeouts timeouts)
{
    [Function(nameof(SweepChoreographyDeadlines))]
    public async Task SweepChoreographyDeadlines([TimerTrigger("%ChoreographySweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await timeouts.SweepAsync(cancellationToken);
}
