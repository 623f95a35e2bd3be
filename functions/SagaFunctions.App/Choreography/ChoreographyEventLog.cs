using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// The choreography events of each order (table <c>ChoreographyEvents</c>, partition = order id,
/// row = event type). Recording is insert-if-absent and then publish: the first decision wins, a
/// redelivered trigger republishes the recorded event (same message id) instead of deciding again,
/// and a crash between insert and publish is repaired by the trigger's redelivery. At least once.
/// </summary>
public sealed class ChoreographyEventLog(SagaStorage storage, IIntegrationEventPublisher publisher, TimeProvider time)
{
    public const string TableName = "ChoreographyEvents";

    private readonly TableClient _table = storage.Table(TableName);
    private readonly Lazy<Task> _created = new(() => storage.Table(TableName).CreateIfNotExistsAsync());

    /// <summary>Records <paramref name="type"/> for the order unless it is there, then publishes the recorded one.</summary>
    public async Task<IntegrationEvent> RecordAndPublishAsync(string orderId, string type, string? reason, string? detail, CancellationToken cancellationToken)
    {
        await _created.Value;
        var data = new ChoreographyEventData(orderId, reason, detail);
        var row = new TableEntity(orderId, type)
        {
            ["Data"] = JsonSerializer.Serialize(data, ChoreographyJsonContext.Default.ChoreographyEventData),
            ["OccurredAt"] = time.GetUtcNow(),
            ["TraceParent"] = SagaTelemetry.CurrentTraceParent,
        };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already recorded (a redelivery or a concurrent handler): keep the first decision.
            row = (await _table.GetEntityAsync<TableEntity>(orderId, type, cancellationToken: cancellationToken)).Value;
        }

        var recorded = ToIntegrationEvent(row);
        await publisher.PublishAsync([recorded], cancellationToken);
        return recorded;
    }

    /// <summary>Republishes the first of <paramref name="types"/> already recorded for the order; false when none is.</summary>
    public async Task<bool> RepublishAnyAsync(string orderId, IReadOnlyList<string> types, CancellationToken cancellationToken)
    {
        foreach (var recorded in await ReadAsync(orderId, cancellationToken))
        {
            if (types.Contains(recorded.Type, StringComparer.Ordinal))
            {
                await publisher.PublishAsync([recorded], cancellationToken);
                return true;
            }
        }

        return false;
    }

    /// <summary>The order's choreography events, as published.</summary>
    public async Task<IReadOnlyList<IntegrationEvent>> ReadAsync(string orderId, CancellationToken cancellationToken)
    {
        await _created.Value;
        var events = new List<IntegrationEvent>();
        await foreach (var row in _table.QueryAsync<TableEntity>(r => r.PartitionKey == orderId, cancellationToken: cancellationToken))
        {
            events.Add(ToIntegrationEvent(row));
        }

        return events;
    }

    private static IntegrationEvent ToIntegrationEvent(TableEntity row)
    {
        using var data = JsonDocument.Parse(row.GetString("Data"));
        var orderId = row.PartitionKey;
        var type = row.RowKey;
        return new IntegrationEvent(
            $"{orderId}:{type}",
            type,
            ChoreographyEventTypes.StreamOf(orderId),
            ChoreographyEventTypes.VersionOf(type),
            orderId,
            row.GetDateTimeOffset("OccurredAt") ?? DateTimeOffset.MinValue,
            data.RootElement.Clone())
        {
            TraceParent = row.GetString("TraceParent"),
        };
    }
}
