namespace SagaFunctions.EventStore;

/// <summary>What an append expects the stream to look like before it writes.</summary>
public enum ExpectedVersionKind
{
    /// <summary>No check: append after whatever is there.</summary>
    Any,

    /// <summary>The stream must not exist yet.</summary>
    NoStream,

    /// <summary>The stream must be at exactly this version.</summary>
    Exact,
}
