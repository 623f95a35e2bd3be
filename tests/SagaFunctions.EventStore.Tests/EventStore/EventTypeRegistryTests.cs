using System.Text.Json;
using SagaFunctions.EventStore.Tests.Infrastructure;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.EventStore;

[Collection("Azurite")]
public sealed class EventTypeRegistryTests(AzuriteOnDiskFixture azurite)
{
    [Fact]
    public async Task Events_stored_under_an_old_name_are_read_through_the_upcaster()
    {
        var writer = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await writer.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(12))]);

        // Later the app stores deposits as "V2.Deposited"; "V1.Deposited" rows are upcast on read.
        var registry = new EventTypeRegistry()
            .Register("V2.Deposited", TestJsonContext.Default.Deposited)
            .RegisterUpcaster("V1.Deposited", json => new Deposited(json.GetProperty("Amount").GetInt32() * 100));
        var reader = new TableEventStore(new Azure.Data.Tables.TableClient(azurite.ConnectionString, writer.TableName), registry);

        var stored = Assert.Single(await reader.ReadForwardAsync(streamId).ToListAsync());

        Assert.Equal(("V1.Deposited", new Deposited(1200)), (stored.EventType, stored.Data));
    }

    [Fact]
    public async Task Unregistered_event_type_is_refused_before_writing()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();

        await Assert.ThrowsAsync<UnknownEventTypeException>(() => store.AppendAsync(streamId, ExpectedVersion.Any, [AccountEvents.New(new JsonElement())]));

        Assert.Equal(0, await store.GetStreamVersionAsync(streamId));
    }

    [Fact]
    public void Names_and_types_are_registered_once()
    {
        var registry = AccountEvents.CreateRegistry();

        Assert.Equal("V1.Deposited", registry.NameOf(typeof(Deposited)));
        Assert.Throws<ArgumentException>(() => registry.Register("V1.Deposited", TestJsonContext.Default.AccountState));
        Assert.Throws<ArgumentException>(() => registry.Register("V9.Deposited", TestJsonContext.Default.Deposited));
        Assert.Throws<ArgumentException>(() => registry.RegisterUpcaster("V1.Withdrawn", _ => new Deposited(0)));
    }

    [Fact]
    public void A_stored_name_it_does_not_know_or_a_json_null_is_refused_on_read()
    {
        var registry = AccountEvents.CreateRegistry();

        Assert.Throws<UnknownEventTypeException>(() => registry.Deserialize("V1.Nope", "{}"u8));
        Assert.Throws<JsonException>(() => registry.Deserialize("V1.Deposited", "null"u8));
    }
}
