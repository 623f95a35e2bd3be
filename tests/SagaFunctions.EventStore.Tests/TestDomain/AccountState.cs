namespace SagaFunctions.EventStore.Tests.TestDomain;

/// <summary>
/// A small aggregate state. <see cref="Checksum"/> depends on the order of events, so a fold that
/// skips, repeats or reorders an event gives a different state.
/// </summary>
public sealed record AccountState(string Name, long Balance, int EventCount, long Checksum)
{
    public static AccountState Empty { get; } = new(string.Empty, 0, 0, 17);

    public static AccountState Apply(AccountState state, object data)
    {
        ArgumentNullException.ThrowIfNull(state);
        var next = data switch
        {
            Deposited d => state with { Balance = state.Balance + d.Amount },
            Withdrawn w => state with { Balance = state.Balance - w.Amount },
            Renamed r => state with { Name = r.Name },
            Attachment => state,
            _ => throw new ArgumentException($"Unknown event {data?.GetType()}", nameof(data)),
        };
        return next with { EventCount = state.EventCount + 1, Checksum = unchecked((state.Checksum * 31) + Code(data)) };
    }

    public static AggregateDefinition<AccountState> Definition(int snapshotInterval = 10, int schemaVersion = 1) =>
        new("account", Empty, Apply, TestJsonContext.Default.AccountState, snapshotInterval, schemaVersion);

    private static long Code(object data) => data switch
    {
        Deposited d => 1000 + d.Amount,
        Withdrawn w => 2000 + w.Amount,
        Renamed r => 3000 + r.Name.Length,
        _ => 4000,
    };
}
