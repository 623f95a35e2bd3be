using Microsoft.Azure.Functions.Worker;
using NCrontab;
using SagaFunctions.LocalHost.Configuration;
using SagaFunctions.LocalHost.Invocation;

namespace SagaFunctions.LocalHost.Triggers;

/// <summary>A timerTrigger function on its six-field NCRONTAB schedule (seconds first), in UTC.</summary>
public sealed partial class TimerTriggerScheduler(
    FunctionInvoker invoker,
    IConfiguration configuration,
    IServiceProvider services,
    TimeProvider time,
    ILogger<TimerTriggerScheduler> logger) : BackgroundService
{
    public static CrontabSchedule ParseSchedule(string expression) =>
        CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
        ?? throw new InvalidOperationException($"'{expression}' is not a six-field NCRONTAB expression (second minute hour day month day-of-week).");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var trigger = invoker.Function.TriggerAttribute<TimerTriggerAttribute>();
        var schedule = ParseSchedule(SettingExpressions.Resolve(trigger.Schedule, configuration));
        DateTime? last = null;
        if (trigger.RunOnStartup)
        {
            await RunAsync(last, schedule, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunAsync(last, schedule, stoppingToken);
            last = next;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function '{Function}' failed")]
    private static partial void LogFailed(ILogger logger, string function, Exception exception);
}
