using Microsoft.DurableTask;
using SagaFunctions.LocalHost.Invocation;

namespace SagaFunctions.LocalHost.Durable;

/// <summary>An orchestratorTrigger function run as a DurableTask orchestrator.</summary>
internal sealed class MethodOrchestrator(FunctionInvoker invoker, ServiceProviderHolder holder) : ITaskOrchestrator
{
    public Type InputType => invoker.OrchestrationInputType ?? typeof(object);

    public Type OutputType => invoker.ResultType == typeof(void) ? typeof(object) : invoker.ResultType;

    public async Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        using var scope = holder.Services.CreateScope();
        return await invoker.InvokeAsync(new InvocationRequest(scope.ServiceProvider, context, CancellationToken.None)
        {
            OrchestrationInput = input,
        });
    }
}
