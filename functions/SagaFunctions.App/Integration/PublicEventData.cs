using System.Text.Json;
using System.Text.Json.Nodes;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Serialization;

namespace SagaFunctions.App.Integration;

/// <summary>
/// An event's data as it may leave its context (an API answer, an integration event): the payment
/// token of OrderPlaced, PaymentCaptured and PaymentDeclined replaced by its <see cref="PaymentReference"/>.
/// </summary>
public static class PublicEventData
{
    /// <summary>The token properties of the events that carry one, as serialized (camelCase).</summary>
    private static readonly string[] TokenProperties = ["paymentToken", "token"];

    public static JsonElement Of(IDomainEvent domainEvent)
    {
        var data = JsonNode.Parse(DomainJson.SerializeEventToUtf8Bytes(domainEvent))!.AsObject();
        foreach (var property in TokenProperties)
        {
            if (data[property] is JsonValue token && token.TryGetValue<string>(out var value))
            {
                data.Remove(property);
                data["paymentReference"] = PaymentReference.Of(value);
            }
        }

        using var document = JsonDocument.Parse(data.ToJsonString());
        return document.RootElement.Clone();
    }
}
