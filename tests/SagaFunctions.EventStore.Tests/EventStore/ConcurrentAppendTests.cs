using SagaFunctions.EventStore.Tests.Infrastructure;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.EventStore;

[Collection("Azurite")]
public sealed class ConcurrentAppendTests(AzuriteOnDiskFixture azurite)
{
    private const int Writers = 20;
    private const int EventsPerWriter = 5;

    [Fact]
    public async Task Twenty_writers_with_exact_versions_lose_and_duplicate_nothing()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        var commits = 0;
        var conflicts = 0;

        async Task WriteAsync(int writer)
        {
            for (var n = 0; n < EventsPerWriter; n++)
            {
                var version = await store.GetStreamVersionAsync(streamId);
                while (true)
                {
                    try
                    {
                        await store.AppendAsync(streamId, ExpectedVersion.Exact(version), [AccountEvents.New(new Deposited(1), $"w{writer}-{n}")]);
                        Interlocked.Increment(ref commits);
                        break;
                    }
                    catch (WrongExpectedVersionException conflict)
                    {
                        Interlocked.Increment(ref conflicts);
                        Assert.Equal(streamId, conflict.StreamId);
                        Assert.Equal(version, conflict.Expected.Value);
                        Assert.NotEqual(version, conflict.ActualVersion);
                        version = conflict.ActualVersion;
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w))));

        var events = await store.ReadForwardAsync(streamId).ToListAsync();
        Assert.Equal(Writers * EventsPerWriter, commits);
        Assert.Equal(Writers * EventsPerWriter, events.Count);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(events.Count, await store.GetStreamVersionAsync(streamId));
        Assert.True(conflicts > 0, "20 writers on one stream should have raced at least once.");
    }
}
