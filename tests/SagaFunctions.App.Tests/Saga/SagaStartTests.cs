using System.Net.Http.Json;
using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using SagaFunctions.App.Saga;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Saga;

/// <summary>
/// Starting a saga that exists is refused, the same locally as in Azure (where the Durable extension
/// honours a start's dedupe statuses): a retried POST, even on another instance, never starts a
/// second run, and a finished saga is never replaced.
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class SagaStartTests(AppHostFixture app)
{
    [Fact]
    public async Task The_same_order_posted_at_once_to_two_http_processes_starts_one_saga()
    {
        await using var cluster = new ClusterOnAzurite(app.Azurite.ConnectionString, AzuriteFixture.UniqueName("start"), ClusterOnAzurite.QuickHostJson(), ClusterOnAzurite.QuickSettings());
        await Task.WhenAll(cluster.StartAsync("http", replicas: 2), cluster.StartAsync("durable"));
        var http = cluster.HttpAddresses.Select(a => new HttpClient { BaseAddress = a }).ToList();
        var customerId = (await (await http[0].PostAsJsonAsync("/api/customers", new { name = "Ada", creditLimit = 100m }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetString()!;
        var sku = "START-" + Guid.NewGuid().ToString("N")[..8];
        (await http[0].PostAsJsonAsync("/api/products", new { sku, name = "Widget", unitPrice = 10m, stock = 5 })).EnsureSuccessStatusCode();
        var key = Guid.NewGuid().ToString("N");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
            {
                Content = JsonContent.Create(new { customerId, items = new[] { new { sku, quantity = 1 } }, paymentToken = "tok_visa" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            var response = await http[i % 2].SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.GetProperty("orderId").GetString()!;
        }));

        var orderId = Assert.Single(answers.Distinct());
        await Eventually.TrueAsync(async () => (await http[0].GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/saga")).GetProperty("runtimeStatus").GetString() == "Completed", "the saga finished");
        var history = await OrchestrationHistory.ReadAsync(app.Azurite.ConnectionString, cluster.Hub, orderId);
        Assert.Equal(1, history.Count(e => e.GetString("EventType") == "ExecutionStarted"));
        foreach (var client in http)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Starting_a_finished_saga_again_with_every_status_deduplicated_is_refused_and_replaces_nothing()
    {
        var orderId = Guid.NewGuid().ToString("N");
        var start = new OrderSagaStart(new OrderSagaInput(orderId, "nobody" + orderId[..6], [new OrderLine("NO-SKU", 1, 10m)], 10m, "tok_visa"), TimeSpan.FromSeconds(30));
        var dedupe = new StartOrchestrationOptions(orderId).WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>());
        await app.Durable.ScheduleNewOrchestrationInstanceAsync(nameof(OrderSaga), start, dedupe);
        var finished = await app.Durable.EventuallyCompletedAsync(orderId);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => app.Durable.ScheduleNewOrchestrationInstanceAsync(nameof(OrderSaga), start, dedupe));

        var after = await app.Durable.GetInstanceAsync(orderId, getInputsAndOutputs: true);
        Assert.Equal((OrchestrationRuntimeStatus.Completed, finished.SerializedOutput), (after!.RuntimeStatus, after.SerializedOutput));
    }
}
