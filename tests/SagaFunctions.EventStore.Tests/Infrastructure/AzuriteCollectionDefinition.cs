
namespace SagaFunctions.EventStore.Tests.Infrastructure;

/// <summary>One Azurite for all test classes of this assembly; each class uses its own tables.</summary>
[CollectionDefinition("Azurite")]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteOnDiskFixture>;
