namespace SagaFunctions.EventStore.Tests.TestDomain;

public sealed record Deposited(int Amount);

public sealed record Withdrawn(int Amount);

public sealed record Renamed(string Name);

/// <summary>Carries a large payload, for the size-limit tests.</summary>
public sealed record Attachment(string Content);

/// <summary>Stable names the account events are stored under.</summary>
public static class AccountEvents
{
    public static EventTypeRegistry CreateRegistry() => new EventTypeRegistry()
        .Register("V1.Deposited", TestJsonContext.Default.Deposited)
        .Register("V1.Withdrawn", TestJsonContext.Default.Withdrawn)
        .Register("V1.Renamed", TestJsonContext.Default.Renamed)
        .Register("V1.Attachment", TestJsonContext.Default.Attachment);

    public static NewEvent New(object data, string? id = null) => new(id ?? Guid.NewGuid().ToString("N"), data);
}
