namespace SagaFunctions.EventStore;

/// <summary>
/// The versions an append occupies (<paramref name="FirstVersion"/>..<paramref name="LastVersion"/>);
/// <paramref name="LastVersion"/> is the stream's version right after it. <paramref name="AlreadyAppended"/>
/// says a retry found the same events already stored and wrote nothing. <paramref name="Marker"/> is the
/// projection marker this append left (null when it wrote nothing or the service sent no ETag): passing
/// it on to the read side lets it clear the marker without reading it first.
/// </summary>
public sealed record AppendResult(string StreamId, long FirstVersion, long LastVersion, bool AlreadyAppended, ProjectionMarker? Marker = null);
