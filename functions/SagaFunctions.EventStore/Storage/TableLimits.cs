namespace SagaFunctions.EventStore.Storage;

/// <summary>Azure Table Storage service limits the store plans around.</summary>
internal static class TableLimits
{
    /// <summary>An entity (all its properties and keys) may be at most 1 MiB.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>A binary property may be at most 64 KiB.</summary>
    public const int MaxBinaryPropertyBytes = 64 * 1024;

    /// <summary>An entity group transaction holds at most 100 operations.</summary>
    public const int MaxTransactionOperations = 100;

    /// <summary>
    /// A transaction's request body may be at most 4 MiB. Binary goes over the wire as base64 in JSON,
    /// so we plan with a margin below the limit.
    /// </summary>
    public const int MaxTransactionWireBytes = 3 * 1024 * 1024;
}
