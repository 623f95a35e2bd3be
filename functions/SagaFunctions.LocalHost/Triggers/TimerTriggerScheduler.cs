using Microsoft.Azure.Functions.Worker;
using NCrontab;
using SagaFunctions.LocalHost.Configuration;
using SagaFunctions.LocalHost.Invocation;

namespace SagaFunctions.LocalHost.Triggers;

/// <summary>
/// A timerTrigger function on its six-field NCRONTAB schedule (seconds first), in UTC, run by one host
/// process at a time however many run the function: the schedule runs only while this process holds
/// the function's <see cref="ListenerLease"/>, so each tick fires once across them, as in Azure.
/// <c>LocalHost:SingletonLeasePeriod</c> (15 to 60 s, default 60 s) and
/// <c>LocalHost:SingletonRetryInterval</c> (default 1 minute) are the Functions host's listener lock
/// period and recovery interval.
/// </summary>
public sealed partial class TimerTriggerScheduler(
    FunctionInvoker invoker,
    IConfiguration configuration,
    HostJsonSettings host,
    IServiceProvider services,
    TimeProvider time,
    ILogger<TimerTriggerScheduler> logger) : BackgroundService
{
    public static CrontabSchedule ParseSchedule(string expression) =>
        CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
        ?? throw new InvalidOperationException($"'{expression}' is not a six-field NCRONTAB expression (second minute hour day month day-of-week).");

    private TimeSpan LeasePeriod => configuration.GetValue("LocalHost:SingletonLeasePeriod", TimeSpan.FromSeconds(60));

    private TimeSpan RetryInterval => configuration.GetValue("LocalHost:SingletonRetryInterval", TimeSpan.FromMinutes(1));

    /// <summary>The app's host id, as in Azure (<c>AzureFunctionsWebHost:hostid</c>); locally the task hub's name.</summary>
    private string HostId => configuration["AzureFunctionsWebHost:hostid"] is { Length: > 0 } id ? id : host.HubName.ToLowerInvariant();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var trigger = invoker.Function.TriggerAttribute<TimerTriggerAttribute>();
        var schedule = ParseSchedule(SettingExpressions.Resolve(trigger.Schedule, configuration));
        var lease = new ListenerLease(new StorageConnections(configuration).Resolve(null), HostId, invoker.Function.Name, LeasePeriod);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await lease.TryAcquireAsync(stoppingToken))
                {
                    await Task.Delay(RetryInterval, time, stoppingToken);
                    continue;
                }

                LogListening(logger, invoker.Function.Name);
                using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var keeping = KeepAsync(lease, held);
                try
                {
                    await RunScheduleAsync(trigger, schedule, held.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The lease was lost: try to take it again.
                }
                finally
                {
                    await held.CancelAsync();
                    await keeping;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Azure.RequestFailedException e)
            {
                LogLeaseFailed(logger, invoker.Function.Name, e);
                await DelayAsync(RetryInterval, stoppingToken);
            }
        }

        await lease.ReleaseAsync();
    }

    /// <summary>Renews the lease at half its period; when it is lost, ends the schedule (<paramref name="held"/>).</summary>
    private async Task KeepAsync(ListenerLease lease, CancellationTokenSource held)
    {
        while (!held.IsCancellationRequested)
        {
            await DelayAsync(lease.Period / 2, held.Token);
            if (!held.IsCancellationRequested && !await lease.RenewAsync(CancellationToken.None))
            {
                LogLost(logger, invoker.Function.Name);
                await held.CancelAsync();
            }
        }
    }

    private async Task RunScheduleAsync(TimerTriggerAttribute trigger, CrontabSchedule schedule, CancellationToken held)
    {
        DateTime? last = null;
        if (trigger.RunOnStartup)
        {
            await RunAsync(last, schedule, held);
        }

        while (!held.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            await Task.Delay(next - now, time, held);
            await RunAsync(last, schedule, held);
            last = next;
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping, or the lease is being given up.
        }
    }

    private async Task RunAsync(DateTime? last, CrontabSchedule schedule, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var info = new TimerInfo
        {
            IsPastDue = false,
            ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = schedule.GetNextOccurrence(now), LastUpdated = now },
        };
        try
        {
            using var scope = services.CreateScope();
            await invoker.InvokeAsync(new InvocationRequest(scope.ServiceProvider, info, stoppingToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As in the Functions host, a failed run is logged and the schedule goes on.
            LogFailed(logger, invoker.Function.Name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer function '{Function}' runs in this process (it holds the listener lease)")]
    private static partial void LogListening(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer function '{Function}' lost its listener lease; another process may run it now")]
    private static partial void LogLost(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The listener lease of timer function '{Function}' could not be taken")]
    private static partial void LogLeaseFailed(ILogger logger, string function, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function '{Function}' failed")]
    private static partial void LogFailed(ILogger logger, string function, Exception exception);
}
