using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Validation;
using SagaFunctions.EventStore;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Platform.Http;

namespace SagaFunctions.App.Ordering;

/// <summary>
/// <c>GET /api/orders/{orderId}</c> from the order view; with <c>?asOf=</c> (a version or an ISO
/// timestamp) the order as it was then, folded from its stream; <c>GET /api/orders/{orderId}/events</c>
/// the stream itself. Past states and the event list are history, not a read model, so those two read the stream.
/// </summary>
public sealed class OrderQueries(ReadModels readModels, IAggregateRepository<OrderState> orders)
{
    [Function(nameof(GetOrder))]
    public async Task<IActionResult> GetOrder(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders/{orderId}")] HttpRequest request,
        string orderId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Query.TryGetValue("asOf", out var asOfText))
        {
            return AsOf.TryParse(asOfText.ToString(), out var asOf)
                ? await GetOrderAsOfAsync(orderId, asOf, cancellationToken)
                : Problems.Validation("asOf", "asOf must be a stream version (a whole number ≥ 0) or an ISO 8601 timestamp.");
        }

        var order = Identifiers.IsValidId(orderId) ? await readModels.GetAsync(OrderViewProjection.Projection, StreamNames.Order(orderId), cancellationToken) : null;
        return order is { } found ? new OkObjectResult(OrderResponse.Of(found.View, found.Version)) : UnknownOrder(orderId);
    }

    [Function(nameof(GetOrderEvents))]
    public async Task<IActionResult> GetOrderEvents(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders/{orderId}/events")] HttpRequest request,
        string orderId,
        CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValidId(orderId))
        {
            return UnknownOrder(orderId);
        }

        var events = new List<OrderEventResponse>();
        await foreach (var recorded in orders.ReadAsync(StreamNames.Order(orderId), cancellationToken))
        {
            events.Add(new OrderEventResponse(recorded.Version, recorded.EventType, recorded.Timestamp, DataOf(recorded)));
        }

        return events.Count == 0 ? UnknownOrder(orderId) : new OkObjectResult(events);
    }

    private async Task<IActionResult> GetOrderAsOfAsync(string orderId, AsOf asOf, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValidId(orderId))
        {
            return UnknownOrder(orderId);
        }

        var streamId = StreamNames.Order(orderId);
        var state = asOf.Version is { } version
            ? await orders.LoadAsOfVersionAsync(streamId, version, cancellationToken)
            : await orders.LoadAsOfAsync(streamId, asOf.Timestamp!.Value, cancellationToken);
        if (!state.State.IsPlaced)
        {
            return asOf.Version is not null || await orders.GetVersionAsync(streamId, cancellationToken) == 0
                ? UnknownOrder(orderId)
                : Problems.NotFound($"Order '{orderId}' did not exist yet at {asOf.Timestamp:O}.");
        }

        // The same view as the read model's, of the state folded as of then.
        return new OkObjectResult(OrderResponse.Of(OrderView.Of(state.State), state.Version));
    }

    private static JsonElement DataOf(RecordedEvent recorded) => PublicEventData.Of((IDomainEvent)recorded.Data);

    private static IActionResult UnknownOrder(string orderId) => Problems.NotFound($"Order '{orderId}' does not exist.");
}
