namespace SagaFunctions.Choreography.Tests.Hosting;

/// <summary>Every test class of this assembly runs against the one <see cref="ChoreographyHost"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ChoreographyHostDefinition : ICollectionFixture<ChoreographyHost>
{
    public const string Name = "ChoreographyHost";
}
