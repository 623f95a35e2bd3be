using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.App.Saga;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>
/// Ends the host process outright (SIGKILL, as a crash or a scale-in would) the n-th time any order
/// reaches a chosen point of an activity: <c>{Activity}:before:{n}</c> (nothing done yet) or
/// <c>{Activity}:after:{n}</c> (its effect committed, its answer not sent). Read from the environment
/// variable <see cref="Setting"/> by a host process started with
/// <c>--configure-services</c> and <see cref="TypeName"/>.
/// </summary>
public sealed class CrashAt(string activity, bool after, int nth) : IFaultInjector
{
    public const string Setting = "SAGA_TEST_CRASH_AT";
    public static readonly string TypeName = LocalHostProcess.TypeArgument(typeof(CrashAt));

    private int _reached;

    public static void ConfigureServices(IServiceCollection services)
    {
        var point = (Environment.GetEnvironmentVariable(Setting) ?? throw new InvalidOperationException($"{Setting} is not set.")).Split(':');
        services.Replace(ServiceDescriptor.Singleton<IFaultInjector>(
            new CrashAt(point[0], point[1] == "after", int.Parse(point[2], System.Globalization.CultureInfo.InvariantCulture))));
    }

    public Task BeforeAsync(string activity, string orderId) => Reach(activity, isAfter: false);

    public Task AfterAsync(string activity, string orderId) => Reach(activity, isAfter: true);

    private Task Reach(string reached, bool isAfter)
    {
        if (reached == activity && isAfter == after && Interlocked.Increment(ref _reached) == nth)
        {
            Process.GetCurrentProcess().Kill();
        }

        return Task.CompletedTask;
    }
}
