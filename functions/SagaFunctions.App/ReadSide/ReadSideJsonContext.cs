using System.Text.Json.Serialization;
using SagaFunctions.Domain.Ordering;

namespace SagaFunctions.App.ReadSide;

/// <summary>Source-generated JSON for what the read side stores inside view rows.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OrderLine[]))]
[JsonSerializable(typeof(RebuildRequest))]
public sealed partial class ReadSideJsonContext : JsonSerializerContext;
