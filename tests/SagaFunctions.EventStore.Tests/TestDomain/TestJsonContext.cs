using System.Text.Json.Serialization;

namespace SagaFunctions.EventStore.Tests.TestDomain;

[JsonSerializable(typeof(Deposited))]
[JsonSerializable(typeof(Withdrawn))]
[JsonSerializable(typeof(Renamed))]
[JsonSerializable(typeof(Attachment))]
[JsonSerializable(typeof(AccountState))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
