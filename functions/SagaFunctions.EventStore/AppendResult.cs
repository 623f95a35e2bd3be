namespace SagaFunctions.EventStore;

/// <summary>
/// The versions an append occupies (<paramref name="FirstVersion"/>..<paramref name="LastVersion"/>);
/// <paramref name="LastVersion"/> is the stream's version right after it. <paramref name="AlreadyAppended"/>
/// says a retry found the same events already stored and wrote nothing.
/// </summary>
public sealed record AppendResult(string StreamId, long FirstVersion, long LastVersion, bool AlreadyAppended);
