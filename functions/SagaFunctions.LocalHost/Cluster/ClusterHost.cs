using System.Diagnostics;
using System.Globalization;
using SagaFunctions.Azurite;

namespace SagaFunctions.LocalHost.Cluster;

/// <summary>One host process of a <see cref="LocalCluster"/>: started with <c>--child</c>, its output prefixed with its name.</summary>
public sealed class ClusterHost : IDisposable
{
    private readonly Process _process;

    private ClusterHost(ClusterMember member, int port, Process process)
    {
        Member = member;
        Port = port;
        _process = process;
        Exited = process.WaitForExitAsync();
    }

    public ClusterMember Member { get; }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public Task Exited { get; }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static ClusterHost Start(ClusterMember member, int port, IEnumerable<string> forwarded, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(member);
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { typeof(ClusterHost).Assembly.Location, "--child", "--functions", member.Functions.Spec, "--port", port.ToString(CultureInfo.InvariantCulture) }.Concat(forwarded))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{member.Name} did not start.");
        process.OutputDataReceived += (_, e) => Relay(member, e.Data);
        process.ErrorDataReceived += (_, e) => Relay(member, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ClusterHost(member, port, process);
    }

    public async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await PortProbe.AnswersAsync(Port, cancellationToken))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{Member.Name} did not start listening on port {Port} (exit code: {ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}).");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Closes the host's input (it stops gracefully), and ends it if it has not stopped in <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        if (await Task.WhenAny(Exited, Task.Delay(grace)) != Exited)
        {
            _process.Kill(entireProcessTree: true);
            await Exited;
        }
    }

    public void Dispose() => _process.Dispose();

    private static void Relay(ClusterMember member, string? line)
    {
        if (line is not null)
        {
            Console.WriteLine($"[{member.Name}] {line}");
        }
    }
}
