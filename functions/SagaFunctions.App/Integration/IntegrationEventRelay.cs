using Azure;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Integration;

/// <summary>
/// Publishes a stream's new events to every integration target, as part of the projection pipeline,
/// and keeps a publish checkpoint per stream and target: a consumer checkpoint (the target's
/// <see cref="IntegrationTarget.Consumer"/>) in the stream's own partition. The targets are published
/// to at once and recorded each on its own, so one that fails holds up nobody but itself: its
/// checkpoint stays, the pass fails after the others recorded theirs, and the retry (the message's,
/// or the sweep's, as the marker stays) sends that target what it missed. At least once.
/// </summary>
public sealed class IntegrationEventRelay(IReadOnlyList<IntegrationTarget> targets)
{
    private const int MaxAttempts = 20;

    public IReadOnlyList<IntegrationTarget> Targets => targets;

    /// <summary>
    /// The checkpoints of a stream nothing was published from yet, assumed without a read (a new
    /// stream). If one exists after all, recording finds out; the events were then published twice,
    /// which the event ids let consumers detect.
    /// </summary>
    public IReadOnlyList<StreamCheckpoint> NoneYet(string streamId) => [.. targets.Select(t => StreamCheckpoint.None(streamId, t.Consumer))];

    /// <summary>The stream's checkpoint for every target, in the order of <see cref="Targets"/>.</summary>
    public async Task<IReadOnlyList<StreamCheckpoint>> ReadCheckpointsAsync(TableEventStore store, string streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await Task.WhenAll(targets.Select(t => store.ReadCheckpointAsync(streamId, t.Consumer, cancellationToken)));
    }

    /// <summary>
    /// Publishes to each target those of <paramref name="events"/> (the stream read by the caller, in
    /// order) after its checkpoint, and records the checkpoints of the targets that took them. Returns
    /// the checkpoints as stored, for the stream's next pass; throws, after recording, when a target failed.
    /// </summary>
    public async Task<IReadOnlyList<StreamCheckpoint>> PublishAsync(TableEventStore store, IReadOnlyList<StreamCheckpoint> checkpoints, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(events);
        var published = targets.Select((t, i) => PublishToAsync(store, t, checkpoints[i], events, cancellationToken)).ToList();
        try
        {
            return await Task.WhenAll(published);
        }
        catch when (published.Count(p => p.IsFaulted) > 1)
        {
            throw new AggregateException(published.Where(p => p.IsFaulted).SelectMany(p => p.Exception!.InnerExceptions));
        }
    }

    /// <summary>The version every target has published through: what a pass has finished with.</summary>
    public static long Reached(IReadOnlyList<StreamCheckpoint> checkpoints) => checkpoints.Count == 0 ? long.MaxValue : checkpoints.Min(c => c.Version);

    private static async Task<StreamCheckpoint> PublishToAsync(TableEventStore store, IntegrationTarget target, StreamCheckpoint checkpoint, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var fresh = events.Where(e => e.Version > checkpoint.Version).ToList();
        var integrationEvents = fresh.Select(IntegrationEvents.From).OfType<IntegrationEvent>().ToList();
        if (integrationEvents.Count > 0)
        {
            await target.Publisher.PublishAsync(integrationEvents, cancellationToken);
        }

        return fresh.Count > 0 ? await RecordAsync(store, checkpoint, fresh[^1].Version, cancellationToken) : checkpoint;
    }

    /// <summary>
    /// Moves the checkpoint forward to <paramref name="version"/>, never back (a concurrent relay may have
    /// gone further); returns it as stored (its token tells the next pass whether another relay moved it).
    /// </summary>
    public static async Task<StreamCheckpoint> RecordAsync(TableEventStore store, StreamCheckpoint checkpoint, long version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var expected = checkpoint;
        for (var attempt = 1; ; attempt++)
        {
            if (version <= expected.Version)
            {
                return expected;
            }

            if (await store.SaveCheckpointAsync(expected, version, cancellationToken) is { } stored)
            {
                return stored;
            }

            if (attempt >= MaxAttempts)
            {
                throw new RequestFailedException(412, $"The {checkpoint.Consumer} checkpoint of {checkpoint.StreamId} kept moving under {MaxAttempts} attempts.");
            }

            // Another relay moved it (or stored one where none was assumed): start from what is stored.
            expected = await store.ReadCheckpointAsync(expected.StreamId, expected.Consumer, cancellationToken);
        }
    }
}
