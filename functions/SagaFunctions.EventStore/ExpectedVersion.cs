using System.Globalization;

namespace SagaFunctions.EventStore;

/// <summary>
/// The version an append expects the stream to be at. Versions count events: the first event of a
/// stream is version 1, so a stream at version 0 does not exist yet.
/// </summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(ExpectedVersionKind kind, long value)
    {
        Kind = kind;
        Value = value;
    }

    public ExpectedVersionKind Kind { get; }

    /// <summary>The exact version for <see cref="ExpectedVersionKind.Exact"/>; 0 for NoStream; -1 for Any.</summary>
    public long Value { get; }

    public static ExpectedVersion Any { get; } = new(ExpectedVersionKind.Any, -1);

    public static ExpectedVersion NoStream { get; } = new(ExpectedVersionKind.NoStream, 0);

    /// <summary>The stream must be at <paramref name="version"/>; <c>Exact(0)</c> means the stream must not exist.</summary>
    public static ExpectedVersion Exact(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return version == 0 ? NoStream : new ExpectedVersion(ExpectedVersionKind.Exact, version);
    }

    /// <summary>True when a stream at <paramref name="actualVersion"/> satisfies this expectation.</summary>
    public bool IsSatisfiedBy(long actualVersion) => Kind switch
    {
        ExpectedVersionKind.Any => true,
        ExpectedVersionKind.NoStream => actualVersion == 0,
        _ => actualVersion == Value,
    };

    public override string ToString() => Kind switch
    {
        ExpectedVersionKind.Any => "Any",
        ExpectedVersionKind.NoStream => "NoStream",
        _ => Value.ToString(CultureInfo.InvariantCulture),
    };
}
