namespace SagaFunctions.EventStore;

/// <summary>
/// The versions an append occupies (<paramref name="FirstVersion"/>..<paramref name="LastVersion"/>);
/// <paramref name="LastVersion"/> is the stream's version right after it. <paramref name="AlreadyAppended"/>
/// says a retry found the same events already stored and wrote nothing.
/// What the append wrote, for the read side to use without reading it back (both null when the
/// append wrote nothing or it is not known): <paramref name="Marker"/>, the projection marker it
/// left (its token clears it), and <paramref name="Events"/>, its events as they read back.
/// </summary>
public sealed record AppendResult(
    string StreamId,
    long FirstVersion,
    long LastVersion,
    bool AlreadyAppended,
    ProjectionMarker? Marker = null,
    IReadOnlyList<RecordedEvent>? Events = null);
