namespace SagaFunctions.EventStore.Storage;

/// <summary>
/// Splits an append into transactions that respect the 100-operation and 4 MiB limits. Every
/// transaction carries two rows per event plus the head update.
/// </summary>
internal static class TransactionPlanner
{
    /// <summary>The head update rides along in every transaction.</summary>
    private const int FixedOperations = 1;

    public const int MaxEventsPerTransaction = (TableLimits.MaxTransactionOperations - FixedOperations) / 2;

    public static IReadOnlyList<ArraySegment<PreparedEvent>> Plan(PreparedEvent[] events)
    {
        var batches = new List<ArraySegment<PreparedEvent>>();
        var start = 0;
        long wireBytes = 0;
        for (var i = 0; i < events.Length; i++)
        {
            var count = i - start;
            if (count > 0 && (count == MaxEventsPerTransaction || wireBytes + events[i].WireBytes > TableLimits.MaxTransactionWireBytes))
            {
                batches.Add(new ArraySegment<PreparedEvent>(events, start, count));
                start = i;
                wireBytes = 0;
            }

            wireBytes += events[i].WireBytes;
        }

        batches.Add(new ArraySegment<PreparedEvent>(events, start, events.Length - start));
        return batches;
    }
}
