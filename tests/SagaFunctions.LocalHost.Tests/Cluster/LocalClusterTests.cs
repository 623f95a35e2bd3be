using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SagaFunctions.LocalHost.Tests.Hosting;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Cluster;

/// <summary>One command starts the whole app as several host processes on one storage, says where each listens, and stops them all.</summary>
[Collection(ProbeHostCollectionDefinition.Name)]
public sealed partial class LocalClusterTests(ProbeHostFixture fixture)
{
    [GeneratedRegex(@"http://localhost:(?<port>\d+)/\s+pid (?<pid>\d+)")]
    private static partial Regex HostLine();

    [Fact]
    public async Task Instances_2_starts_two_hosts_that_both_answer_and_a_stop_ends_them_all()
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "SagaFunctions.LocalHost.dll"), "--instances", "2", "--port", "0",
            "--task-hub", AzuriteFixture.UniqueName("cluster"), "--host-json", TestHostJson.WithDurableLeases() })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString;
        info.Environment["SagaStorage"] = fixture.Azurite.ConnectionString;
        using var cluster = Process.Start(info)!;
        var hosts = new List<(int Port, int Pid)>();
        var banner = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && HostLine().Match(line) is { Success: true } match)
            {
                lock (hosts)
                {
                    hosts.Add((int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture)));
                    if (hosts.Count == 2)
                    {
                        banner.TrySetResult();
                    }
                }
            }
        };
        cluster.ErrorDataReceived += (_, _) => { };
        cluster.BeginOutputReadLine();
        cluster.BeginErrorReadLine();
        try
        {
            await banner.Task.WaitAsync(TimeSpan.FromSeconds(120));
            using var http = new HttpClient();
            foreach (var (port, _) in hosts)
            {
                var status = await http.GetAsync(new Uri($"http://localhost:{port}/api/projections"));
                Assert.True(status.IsSuccessStatusCode, $"port {port}: {status.StatusCode}");
            }

            using (var terminate = Process.Start("kill", ["-TERM", cluster.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await terminate.WaitForExitAsync();
            }

            await cluster.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, cluster.ExitCode);
            Assert.All(hosts, h => Assert.False(IsRunning(h.Pid), $"host process {h.Pid} outlived the cluster"));
        }
        finally
        {
            if (!cluster.HasExited)
            {
                cluster.Kill(entireProcessTree: true);
            }

            lock (hosts)
            {
                foreach (var (_, pid) in hosts.Where(h => IsRunning(h.Pid)))
                {
                    Process.GetProcessById(pid).Kill();
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
