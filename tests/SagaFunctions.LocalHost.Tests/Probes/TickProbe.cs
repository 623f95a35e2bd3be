using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Probes;

/// <summary>A test-only timer, every second: each run notes its tick and the process that ran it.</summary>
public sealed class TickProbe(IConfiguration configuration)
{
    public static readonly string TypeName = LocalHostProcess.TypeArgument(typeof(TickProbe));

    /// <summary>The table of one cluster's ticks (setting <c>TickProbe:Table</c>).</summary>
    public const string TableSetting = "TickProbe:Table";

    [Function(nameof(Tick))]
    public async Task Tick([TimerTrigger("* * * * * *")] TimerInfo timer)
    {
        var table = new TableClient(configuration["SagaStorage"], configuration[TableSetting]);
        await table.CreateIfNotExistsAsync();
        var now = DateTimeOffset.UtcNow;
        var tick = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        await table.AddEntityAsync(new TableEntity(tick.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture), Guid.NewGuid().ToString("N"))
        {
            ["ProcessId"] = Environment.ProcessId,
        });
    }
}
