using SagaFunctions.App.Platform.Storage;
using SagaFunctions.Domain.Serialization;

namespace SagaFunctions.App.Tests.Platform;

public sealed class EventStoresTests
{
    [Fact]
    public void The_stores_read_and_write_every_domain_event_under_its_stable_name()
    {
        var registry = EventStores.CreateRegistry();

        Assert.All(DomainEventTypes.All, t =>
        {
            Assert.Equal(t.Name, registry.NameOf(t.TypeInfo.Type));
            Assert.True(registry.CanRead(t.Name));
        });
    }
}
