using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;

namespace SagaFunctions.LocalHost.Tests.Probes;

public sealed record ProbeInput(int Steps, bool BlockStep2OnFirstRun);

public sealed record ProbeStepInput(string InstanceId, int Step, bool BlockOnFirstRun);

/// <summary>
/// Test-only functions that exercise every path of the local host: HTTP → orchestration →
/// activity → status, and an activity whose effect must be applied once across a host restart.
/// </summary>
public sealed class ProbeFunctions(IConfiguration configuration)
{
    public const string EffectsTable = "ProbeEffects";

    [Function(nameof(StartProbe))]
    public static async Task<IActionResult> StartProbe(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "probes/{steps:int}")] HttpRequest request,
        int steps,
        [DurableClient] DurableTaskClient client)
    {
        var block = string.Equals(request.Query["block"], "true", StringComparison.OrdinalIgnoreCase);
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(ProbeOrchestrator), new ProbeInput(steps, block));
        return new AcceptedResult($"/api/probes/{id}", new { id });
    }

    [Function(nameof(GetProbe))]
    public static async Task<IActionResult> GetProbe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "probes/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        return instance is null
            ? new NotFoundResult()
            : new OkObjectResult(new { status = instance.RuntimeStatus.ToString(), output = instance.SerializedOutput });
    }

    [Function(nameof(ProbeOrchestrator))]
    public static async Task<int> ProbeOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, ProbeInput input)
    {
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(200)));
        var total = 0;
        for (var step = 1; step <= input.Steps; step++)
        {
            total += await context.CallActivityAsync<int>(
                nameof(ProbeStep), new ProbeStepInput(context.InstanceId, step, input.BlockStep2OnFirstRun && step == 2), retry);
        }

        return total;
    }

    /// <summary>
    /// Applies its effect (a counter increment) at most once per step, guarded by an idempotency
    /// row in the same transaction; counts every attempt. Optionally "crashes" after applying the
    /// effect on its first attempt, by waiting for the host to stop.
    /// </summary>
    [Function(nameof(ProbeStep))]
    public async Task<int> ProbeStep([ActivityTrigger] ProbeStepInput input, CancellationToken cancellationToken)
    {
        var table = new TableClient(configuration["AzureWebJobsStorage"], EffectsTable);
        await table.CreateIfNotExistsAsync(CancellationToken.None);
        var attempt = Guid.NewGuid().ToString("N");
        await table.AddEntityAsync(new TableEntity(input.InstanceId, $"attempt-{input.Step}-{attempt}"), CancellationToken.None);
        var firstAttempt = (await CountAsync(table, input.InstanceId, $"attempt-{input.Step}-")) == 1;

        await ApplyOnceAsync(table, input);

        if (input.BlockOnFirstRun && firstAttempt)
        {
            // "Crash" after the effect is committed: tell the test, then never answer.
            await table.UpsertEntityAsync(new TableEntity(input.InstanceId, "reached"), cancellationToken: CancellationToken.None);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return input.Step;
    }

    public static async Task<int> CountAsync(TableClient table, string partition, string prefix)
    {
        var count = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"]))
        {
            count += entity.RowKey.StartsWith(prefix, StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }

    private static async Task ApplyOnceAsync(TableClient table, ProbeStepInput input)
    {
        while (true)
        {
            var counter = await table.GetEntityIfExistsAsync<TableEntity>(input.InstanceId, "counter");
            var value = counter.HasValue ? counter.Value!.GetInt32("Value") ?? 0 : 0;
            var batch = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, new TableEntity(input.InstanceId, $"applied-{input.Step}")),
                counter.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, new TableEntity(input.InstanceId, "counter") { ["Value"] = value + 1 }, counter.Value!.ETag)
                    : new(TableTransactionActionType.Add, new TableEntity(input.InstanceId, "counter") { ["Value"] = 1 }),
            };
            try
            {
                await table.SubmitTransactionAsync(batch, CancellationToken.None);
                return;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status == 409)
            {
                return; // Applied by an earlier attempt: nothing to do.
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Counter changed under us: read again.
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Counter changed under us: read again.
            }
        }
    }
}
