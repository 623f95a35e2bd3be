using SagaFunctions.EventStore.Tests.Infrastructure;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.EventStore;

[Collection("Azurite")]
public sealed class IdempotentAppendTests(AzuriteOnDiskFixture azurite)
{
    [Fact]
    public async Task Same_append_twice_stores_one_set_of_events_and_returns_the_same_versions()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Renamed("first"), "order-1:open")]);
        NewEvent[] append = [AccountEvents.New(new Deposited(5), "order-1:reserve"), AccountEvents.New(new Withdrawn(2), "order-1:charge")];

        var first = await store.AppendAsync(streamId, ExpectedVersion.Exact(1), append);
        var retry = await store.AppendAsync(streamId, ExpectedVersion.Exact(1), append);

        Assert.Equal((2L, 3L, false), (first.FirstVersion, first.LastVersion, first.AlreadyAppended));
        Assert.Equal((2L, 3L, true), (retry.FirstVersion, retry.LastVersion, retry.AlreadyAppended));
        Assert.Equal(3, (await store.ReadForwardAsync(streamId).ToListAsync()).Count);
    }

    [Theory]
    [InlineData(ExpectedVersionKind.Any)]
    [InlineData(ExpectedVersionKind.NoStream)]
    public async Task Retry_with_other_expected_versions_is_still_a_no_op(ExpectedVersionKind kind)
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        NewEvent[] append = [AccountEvents.New(new Deposited(5), "a"), AccountEvents.New(new Deposited(6), "b")];
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, append);
        await store.AppendAsync(streamId, ExpectedVersion.Exact(2), [AccountEvents.New(new Deposited(7), "c")]);

        var retry = await store.AppendAsync(streamId, kind == ExpectedVersionKind.Any ? ExpectedVersion.Any : ExpectedVersion.NoStream, append);

        Assert.Equal((1L, 2L, true), (retry.FirstVersion, retry.LastVersion, retry.AlreadyAppended));
        Assert.Equal(3, (await store.ReadForwardAsync(streamId).ToListAsync()).Count);
    }

    [Fact]
    public async Task Known_event_id_with_different_data_is_an_error_and_writes_nothing()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(5), "order-1:reserve")]);

        var error = await Assert.ThrowsAsync<EventIdConflictException>(() =>
            store.AppendAsync(streamId, ExpectedVersion.Any, [AccountEvents.New(new Deposited(6), "order-1:reserve")]));

        Assert.Equal("order-1:reserve", error.EventId);
        Assert.Equal(1, await store.GetStreamVersionAsync(streamId));
    }

    [Fact]
    public async Task Real_conflict_names_stream_expected_and_actual_version()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1)), AccountEvents.New(new Deposited(2))]);

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.AppendAsync(streamId, ExpectedVersion.Exact(1), [AccountEvents.New(new Deposited(3))]));
        var noStream = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(3))]));

        Assert.Equal((streamId, 1L, 2L), (error.StreamId, error.Expected.Value, error.ActualVersion));
        Assert.Equal((ExpectedVersionKind.NoStream, 2L), (noStream.Expected.Kind, noStream.ActualVersion));
    }

    [Fact]
    public async Task Conflict_detected_by_a_second_store_instance_with_a_stale_cache()
    {
        var first = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await first.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1))]);
        var other = new TableEventStore(
            new Azure.Data.Tables.TableClient(azurite.ConnectionString, first.TableName), AccountEvents.CreateRegistry());
        await other.AppendAsync(streamId, ExpectedVersion.Exact(1), [AccountEvents.New(new Deposited(2))]);

        // `first` still caches version 1 with its old ETag: the If-Match must catch it.
        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            first.AppendAsync(streamId, ExpectedVersion.Exact(1), [AccountEvents.New(new Deposited(3))]));
        var next = await first.AppendAsync(streamId, ExpectedVersion.Exact(2), [AccountEvents.New(new Deposited(3))]);

        Assert.Equal(2, error.ActualVersion);
        Assert.Equal(3, next.LastVersion);
    }
}
