using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests;

/// <summary>Every test class in this assembly shares one Azurite of its own.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
