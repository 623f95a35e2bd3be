namespace SagaFunctions.EventStore.Serialization;

/// <summary>An event's stable type name and its UTF-8 JSON.</summary>
internal sealed record SerializedEvent(string TypeName, byte[] Json);
