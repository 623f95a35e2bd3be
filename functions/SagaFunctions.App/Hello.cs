using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace SagaFunctions.App;

public sealed class Hello
{
    [Function(nameof(StartHello))]
    public static async Task<IActionResult> StartHello(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "hello")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "world");
        return new AcceptedResult($"/api/hello/{id}", new { id });
    }

    [Function(nameof(HelloOrchestrator))]
    public static async Task<string> HelloOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, string name)
        => await context.CallActivityAsync<string>(nameof(SayHello), name);

    [Function(nameof(SayHello))]
    public static string SayHello([ActivityTrigger] string name) => $"Hello {name}";
}
