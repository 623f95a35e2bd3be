namespace SagaFunctions.EventStore;

/// <summary>An append found the stream at a different version than it expected; nothing was written.</summary>
public sealed class WrongExpectedVersionException : Exception
{
    public WrongExpectedVersionException(string streamId, ExpectedVersion expected, long actualVersion)
        : base($"Stream '{streamId}' is at version {actualVersion}, but the append expected {expected}.")
    {
        StreamId = streamId;
        Expected = expected;
        ActualVersion = actualVersion;
    }

    public string StreamId { get; }

    public ExpectedVersion Expected { get; }

    /// <summary>The stream's version when the conflict was seen (0: the stream does not exist).</summary>
    public long ActualVersion { get; }
}
