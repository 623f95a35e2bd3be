namespace SagaFunctions.App.Tests.Hosting;

/// <summary>Every test class of this assembly runs against the one <see cref="AppHostFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class AppHostCollectionDefinition : ICollectionFixture<AppHostFixture>
{
    public const string Name = "AppHost";
}
