using SagaFunctions.EventStore.Tests.Infrastructure;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.EventStore;

[Collection("Azurite")]
public sealed class LargeAppendTests(AzuriteOnDiskFixture azurite)
{
    [Fact]
    public async Task Append_of_250_events_is_split_into_transactions_with_contiguous_versions()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Renamed("x"))]);
        NewEvent[] append = [.. Enumerable.Range(0, 250).Select(i => AccountEvents.New(new Deposited(i), $"bulk-{i}"))];

        var result = await store.AppendAsync(streamId, ExpectedVersion.Exact(1), append);
        var retry = await store.AppendAsync(streamId, ExpectedVersion.Exact(1), append);

        var events = await store.ReadForwardAsync(streamId).ToListAsync();
        Assert.Equal((2L, 251L), (result.FirstVersion, result.LastVersion));
        Assert.Equal((2L, 251L, true), (retry.FirstVersion, retry.LastVersion, retry.AlreadyAppended));
        Assert.Equal(Enumerable.Range(1, 251).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(Enumerable.Range(0, 250).Select(i => new Deposited(i)), events.Skip(1).Select(e => e.Data));
        Assert.Equal(251, await store.GetStreamVersionAsync(streamId));
    }

    [Fact]
    public async Task Event_of_100_KiB_round_trips()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        var content = string.Create(100 * 1024, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });

        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Attachment(content))]);

        var stored = Assert.Single(await store.ReadForwardAsync(streamId).ToListAsync());
        Assert.Equal(content, Assert.IsType<Attachment>(stored.Data).Content);
    }

    [Fact]
    public async Task Event_over_the_entity_limit_is_a_clear_error_and_nothing_is_written()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        NewEvent[] append = [AccountEvents.New(new Deposited(1), "small"), AccountEvents.New(new Attachment(new string('x', 1_100_000)), "huge")];

        var error = await Assert.ThrowsAsync<EventTooLargeException>(() => store.AppendAsync(streamId, ExpectedVersion.NoStream, append));

        Assert.Equal("huge", error.EventId);
        Assert.Equal(0, await store.GetStreamVersionAsync(streamId));
        Assert.Empty(await store.ReadForwardAsync(streamId).ToListAsync());
    }

    [Fact]
    public async Task Several_large_events_are_split_under_the_transaction_payload_limit()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        var big = new string('y', 700_000);

        var result = await store.AppendAsync(streamId, ExpectedVersion.NoStream, [.. Enumerable.Range(0, 6).Select(i => AccountEvents.New(new Attachment(big + i)))]);

        var events = await store.ReadForwardAsync(streamId).ToListAsync();
        Assert.Equal(6, result.LastVersion);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => big + i), events.Select(e => ((Attachment)e.Data).Content));
    }
}
