using System.Text.Json;
using System.Text.Json.Serialization;

namespace SagaFunctions.App.Choreography;

/// <summary>The data of a choreography event: the order, and for failures the reason (a FailureReasons code) and detail.</summary>
public sealed record ChoreographyEventData(string OrderId, string? Reason, string? Detail);

/// <summary>Source-generated JSON of the choreography event data (web defaults: camelCase, like the envelope).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChoreographyEventData))]
public sealed partial class ChoreographyJsonContext : JsonSerializerContext;
