namespace SagaFunctions.App.ReadSide;

/// <summary>
/// Which generation of the views tables queries read (<paramref name="Current"/>) and which one a
/// rebuild is filling (<paramref name="Building"/>, 0 when none). While a rebuild runs, the live
/// projection writes both, so the new generation is complete when the rebuild switches to it.
/// </summary>
public sealed record GenerationPointer(int Current, int Building)
{
    public static GenerationPointer Initial { get; } = new(1, 0);

    /// <summary>The generations the live projection keeps up to date.</summary>
    public IReadOnlyList<int> Targets => Building > 0 ? [Current, Building] : [Current];
}
