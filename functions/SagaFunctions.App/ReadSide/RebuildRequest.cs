namespace SagaFunctions.App.ReadSide;

/// <summary>The queue message that runs a rebuild into <paramref name="Generation"/>.</summary>
public sealed record RebuildRequest(int Generation);
