namespace SagaFunctions.App.Tests.Hosting;

/// <summary>Every test class shares the one host (tests in a collection run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ReadSideHostDefinition : ICollectionFixture<ReadSideHost>
{
    public const string Name = "ReadSide";
}
