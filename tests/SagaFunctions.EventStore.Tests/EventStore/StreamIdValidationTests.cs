using SagaFunctions.EventStore.Tests.Infrastructure;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.EventStore;

[Collection("Azurite")]
public sealed class StreamIdValidationTests(AzuriteOnDiskFixture azurite)
{
    public static TheoryData<string, string> InvalidIds => new()
    {
        { "order/1", "slash" },
        { "order\\1", "backslash" },
        { "order#1", "number sign" },
        { "order?1", "question mark" },
        { "order\u00011", "U+0001" },
        { "order\u001F1", "U+001F" },
        { "order\u007F1", "U+007F" },
        { "order\u009F1", "U+009F" },
        { string.Empty, "empty" },
        { new string('a', 513), "over the limit" },
    };

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task Invalid_stream_id_is_an_argument_error_naming_the_problem(string streamId, string problem)
    {
        var store = await TestStores.CreateAsync(azurite);

        var append = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(streamId, ExpectedVersion.Any, [AccountEvents.New(new Deposited(1))]));
        var read = Assert.Throws<ArgumentException>(() => store.ReadForwardAsync(streamId));

        Assert.Contains(problem, append.Message, StringComparison.Ordinal);
        Assert.Contains(problem, read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_event_id_is_an_argument_error()
    {
        var store = await TestStores.CreateAsync(azurite);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(TestStores.NewStreamId(), ExpectedVersion.Any, [AccountEvents.New(new Deposited(1), "a/b")]));

        Assert.Contains("Event id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_ids_with_unicode_and_punctuation_pass() =>
        Assert.Null(StreamIdValidator.FindProblem("order-42:step_1.é", StreamIdValidator.MaxKeyChars));
}
