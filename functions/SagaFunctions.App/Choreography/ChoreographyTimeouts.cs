using SagaFunctions.App.Ordering;
using Microsoft.Extensions.Logging;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Payments;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// The choreography's step timeout. A choreographed order whose chain has not moved for
/// <see cref="SagaSettings.StepTimeout"/> (no new event in its saga view, the same bound the
/// orchestration gives each step) is timed out: its payment is abandoned with TIMEOUT, and that
/// PaymentAbandoned drives the compensations by events like a declined payment (release stock,
/// release credit, reject with TIMEOUT). The payment stream decides the race with a late capture:
/// the first of PaymentCaptured and PaymentAbandoned is the only one.
/// </summary>
/// <remarks>
/// A chain that stalls after the pivot (its payment already has an outcome, e.g. a poisoned
/// message) gets the outcome's event published again, which the idempotent handlers take from there.
/// </remarks>
public sealed partial class ChoreographyTimeouts(
    ChoreographyDeadlines deadlines,
    ChoreographySagaView sagas,
    PaymentService payments,
    OrderService ordering,
    IIntegrationEventPublisher publisher,
    SagaSettings settings,
    TimeProvider time,
    ILogger<ChoreographyTimeouts> logger)
{
    /// <summary>Looks at every order whose deadline passed; returns how many were timed out.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var timedOut = 0;
        var now = time.GetUtcNow();
        foreach (var deadline in await deadlines.DueAsync(now, cancellationToken))
        {
            var orderId = deadline.OrderId;
            try
            {
                if (await CheckAsync(deadline, now, cancellationToken))
                {
                    timedOut++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One order that cannot be checked now must not hold up the others; its row stays
                // due, so the next sweep tries it again.
                LogCheckFailed(logger, orderId, e);
            }
        }

        return timedOut;
    }

    /// <summary>Times the order out if its chain stalled; otherwise moves its deadline or forgets it.</summary>
    private async Task<bool> CheckAsync(DueDeadline deadline, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var orderId = deadline.OrderId;
        // The order alone first (one stream): most rows that come due belong to orders settled since.
        var order = await ordering.LoadAsync(orderId, cancellationToken);
        var saga = order.IsPlaced && !order.IsFinal ? await sagas.ReadAsync(orderId, cancellationToken) : null;
        if (saga is null || OrderStatus.IsFinal(saga.Status))
        {
            // Final, or never placed (the placement failed after scheduling the deadline).
            await deadlines.RemoveAsync(deadline, cancellationToken);
            return false;
        }

        var lastMove = saga.Events.Count > 0 ? saga.Events.Max(e => e.OccurredAt) : now;
        if (now - lastMove < settings.StepTimeout)
        {
            await deadlines.MoveAsync(deadline, lastMove + settings.StepTimeout, cancellationToken);
            return false;
        }

        var abandoned = await payments.AbandonAsync(orderId, FailureReasons.Timeout, cancellationToken);
        if (abandoned.Result.Events.Count == 0)
        {
            await RepublishPaymentOutcomeAsync(orderId, cancellationToken);
        }

        LogTimedOut(logger, orderId, lastMove, abandoned.State.State.Outcome?.ToString() ?? "none");
        // Look again later: should the compensations stall too, the next sweep drives them again.
        await deadlines.MoveAsync(deadline, now + settings.StepTimeout, cancellationToken);
        return true;
    }

    private async Task RepublishPaymentOutcomeAsync(string orderId, CancellationToken cancellationToken)
    {
        var outcome = new List<IntegrationEvent>();
        await foreach (var recorded in payments.ReadAsync(orderId, cancellationToken))
        {
            if (IntegrationEvents.From(recorded) is { } published)
            {
                outcome = [published];
            }
        }

        await publisher.PublishAsync(outcome, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline of choreographed order {OrderId} could not be checked")]
    private static partial void LogCheckFailed(ILogger logger, string orderId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Choreographed order {OrderId} stalled since {LastMove:o}: timed out (payment {Payment})")]
    private static partial void LogTimedOut(ILogger logger, string orderId, DateTimeOffset lastMove, string payment);
}
