using System.Collections.Immutable;

namespace SagaFunctions.Domain;

/// <summary>
/// State collections keyed by id use ordinal ordering, also after a snapshot is deserialized
/// (the serializer creates them with the default comparer), so that state equality and
/// serialization order are deterministic.
/// </summary>
internal static class Ordinal
{
    public static ImmutableSortedSet<string> EmptySet { get; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    public static ImmutableSortedDictionary<string, TValue> EmptyMap<TValue>() =>
        ImmutableSortedDictionary.Create<string, TValue>(StringComparer.Ordinal);

    public static ImmutableSortedDictionary<string, TValue> Of<TValue>(ImmutableSortedDictionary<string, TValue> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.WithComparers(StringComparer.Ordinal);
    }

    public static ImmutableSortedSet<string> Of(ImmutableSortedSet<string> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.WithComparer(StringComparer.Ordinal);
    }
}
