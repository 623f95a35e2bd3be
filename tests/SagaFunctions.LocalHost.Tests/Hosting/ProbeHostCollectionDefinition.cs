namespace SagaFunctions.LocalHost.Tests.Hosting;

/// <summary>The test classes that use the assembly's host (or its Azurite) run one after another against it.</summary>
[CollectionDefinition(Name)]
public sealed class ProbeHostCollectionDefinition : ICollectionFixture<ProbeHostFixture>
{
    public const string Name = "ProbeHost";
}
