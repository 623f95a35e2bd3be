using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using SagaFunctions.LocalHost.Discovery;

namespace SagaFunctions.LocalHost.Invocation;

/// <summary>
/// Calls one function's method the way the isolated worker does: a new instance of its class
/// from DI per invocation, parameters bound from the trigger, route values, the durable client
/// and the cancellation token. Anything it cannot bind stops start-up, naming the parameter.
/// </summary>
public sealed class FunctionInvoker
{
    private readonly (ParameterInfo Parameter, ParameterSource Source)[] _parameters;

    public FunctionInvoker(FunctionDescriptor function)
    {
        Function = function;
        _parameters = function.Method.GetParameters().Select(p => (p, SourceOf(function, p))).ToArray();
        OrchestrationInputType = _parameters.FirstOrDefault(p => p.Source is ParameterSource.OrchestrationInput).Parameter?.ParameterType;
        ResultType = UnwrapTask(function.Method.ReturnType);
    }

    public FunctionDescriptor Function { get; }

    /// <summary>The type of the orchestrator's input parameter, if it takes one besides its context.</summary>
    public Type? OrchestrationInputType { get; }

    /// <summary>The function's result type with Task/ValueTask unwrapped (typeof(void) when none).</summary>
    public Type ResultType { get; }

    public Type TriggerType => Function.Trigger.Parameter.ParameterType;

    public async Task<object?> InvokeAsync(InvocationRequest request)
    {
        var logger = request.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Function." + Function.Name);
        using var span = InvocationSpan.Start(Function, request.TraceParent);
        var clock = Stopwatch.StartNew();
        var instance = Function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(request.Services, Function.Method.DeclaringType!);
        try
        {
            var arguments = _parameters.Select(p => Bind(p.Parameter, p.Source, request)).ToArray();
            object? returned;
            try
            {
                returned = Function.Method.Invoke(instance, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }

            var result = await AwaitResult(returned);
            if (ResultType == typeof(void))
            {
                result = null;
            }

            LogExecuted(logger, Function.Name, "Succeeded", clock.ElapsedMilliseconds, null);
            return result;
        }
        catch (Exception e)
        {
            // Orchestrators throw on purpose while replaying awaits: that is not a failure.
            if (!IsReplayControlFlow(e))
            {
                LogExecuted(logger, Function.Name, "Failed", clock.ElapsedMilliseconds, e);
                span?.SetStatus(ActivityStatusCode.Error, e.Message);
            }

            throw;
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static readonly Action<ILogger, string, string, long, Exception?> LogExecuted =
        LoggerMessage.Define<string, string, long>(LogLevel.Information, new EventId(1, "FunctionExecuted"), "Executed 'Functions.{Function}' ({Outcome}, Duration={Duration}ms)");

    private static bool IsReplayControlFlow(Exception e) => e is OperationCanceledException && e.GetType().Name.Contains("Orchestration", StringComparison.Ordinal);

    private static object? Bind(ParameterInfo parameter, ParameterSource source, InvocationRequest request) => source switch
    {
        ParameterSource.Trigger => request.TriggerValue,
        ParameterSource.DurableClient => request.Services.GetRequiredService<DurableTaskClient>(),
        ParameterSource.CancellationToken => request.CancellationToken,
        ParameterSource.OrchestrationInput => request.OrchestrationInput,
        ParameterSource.RouteValue => ConvertRouteValue(parameter, request.RouteValues),
        _ => throw new UnreachableException(),
    };

    private static object? ConvertRouteValue(ParameterInfo parameter, IReadOnlyDictionary<string, object?> routeValues)
    {
        if (!routeValues.TryGetValue(parameter.Name!, out var value) || value is null)
        {
            return parameter.HasDefaultValue ? parameter.DefaultValue : null;
        }

        if (parameter.ParameterType.IsInstanceOfType(value))
        {
            return value;
        }

        return TypeDescriptor.GetConverter(parameter.ParameterType).ConvertFrom(null, CultureInfo.InvariantCulture, value);
    }

    private static ParameterSource SourceOf(FunctionDescriptor function, ParameterInfo parameter)
    {
        var binding = function.Bindings.FirstOrDefault(b => b.Parameter == parameter);
        if (binding is not null)
        {
            return binding.Kind is BindingKind.DurableClient ? ParameterSource.DurableClient : ParameterSource.Trigger;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return ParameterSource.CancellationToken;
        }

        return function.Trigger.Kind switch
        {
            BindingKind.HttpTrigger => ParameterSource.RouteValue,
            BindingKind.OrchestrationTrigger when parameter.ParameterType != typeof(TaskOrchestrationContext) => ParameterSource.OrchestrationInput,
            _ => throw new InvalidOperationException(
                $"Function '{function.Name}': the local host cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}. " +
                "Take services through the constructor instead."),
        };
    }

    private static Type UnwrapTask(Type type)
    {
        if (type == typeof(Task) || type == typeof(ValueTask) || type == typeof(void))
        {
            return typeof(void);
        }

        return type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;
    }

    private static async Task<object?> AwaitResult(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                var type = task.GetType();
                return type.IsGenericType ? type.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            case { } value when value.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(ValueTask<>):
                var asTask = (Task)t.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(value, null)!;
                return await AwaitResult(asTask);
            default:
                return returned;
        }
    }
}
