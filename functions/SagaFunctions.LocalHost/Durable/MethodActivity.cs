using Microsoft.DurableTask;
using SagaFunctions.LocalHost.Invocation;

namespace SagaFunctions.LocalHost.Durable;

/// <summary>An activityTrigger function run as a DurableTask activity.</summary>
internal sealed class MethodActivity(FunctionInvoker invoker, IServiceProvider services) : ITaskActivity
{
    public Type InputType => invoker.TriggerType;

    public Type OutputType => invoker.ResultType == typeof(void) ? typeof(object) : invoker.ResultType;

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        using var scope = services.CreateScope();
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return await invoker.InvokeAsync(new InvocationRequest(scope.ServiceProvider, input, stopping));
    }
}
