namespace SagaFunctions.EventStore;

/// <summary>
/// An append too large for one transaction was split, and a later transaction failed after earlier
/// ones committed. Versions up to <see cref="LastCommittedVersion"/> are stored; the rest are not.
/// Retrying the same append (same event ids) resumes after the committed part.
/// </summary>
public sealed class PartialAppendException : Exception
{
    public PartialAppendException(string streamId, long firstVersion, long lastCommittedVersion, int committedEventCount, Exception innerException)
        : base($"Append to stream '{streamId}' stopped part-way: versions {firstVersion}..{lastCommittedVersion} " +
               $"({committedEventCount} events) are committed, the rest are not. {innerException?.Message}", innerException)
    {
        StreamId = streamId;
        FirstVersion = firstVersion;
        LastCommittedVersion = lastCommittedVersion;
        CommittedEventCount = committedEventCount;
    }

    public string StreamId { get; }

    /// <summary>The version of the append's first event.</summary>
    public long FirstVersion { get; }

    /// <summary>The stream's version after the last committed transaction.</summary>
    public long LastCommittedVersion { get; }

    /// <summary>How many of the append's events (from the start of its list) are stored.</summary>
    public int CommittedEventCount { get; }
}
