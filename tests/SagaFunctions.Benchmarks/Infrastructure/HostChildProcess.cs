using System.Diagnostics;
using System.Globalization;
using System.Text;
using SagaFunctions.Azurite;

namespace SagaFunctions.Benchmarks.Infrastructure;

/// <summary>
/// <c>dotnet SagaFunctions.LocalHost.dll</c> in a child process (one host per process: a second host
/// in the same process never reconnects its worker), with an HTTP client on its port and its working
/// set sampled on demand.
/// </summary>
internal sealed class HostChildProcess : IHostUnderTest
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostChildProcess(Process process, Uri baseAddress)
    {
        _process = process;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    public HttpClient Http { get; }

    public static async Task<HostChildProcess> StartAsync(string storageConnection, string taskHub, string hostJson, bool appFunctions, params string[] functionTypes) =>
        await StartAsync(storageConnection, taskHub, hostJson, appFunctions, functionTypes, []);

    /// <summary>A host that runs only <paramref name="extraArguments"/>' selection when they name one (<c>--functions …</c>).</summary>
    public static async Task<HostChildProcess> StartAsync(
        string storageConnection, string taskHub, string hostJson, bool appFunctions, string[] functionTypes, IEnumerable<string> extraArguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = PortProbe.FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SagaFunctions.LocalHost.dll"));
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--task-hub", taskHub, "--host-json", hostJson })
        {
            info.ArgumentList.Add(argument);
        }

        if (!appFunctions)
        {
            info.ArgumentList.Add("--no-app-functions");
        }

        foreach (var type in functionTypes)
        {
            info.ArgumentList.Add("--functions-type");
            info.ArgumentList.Add(type);
        }

        foreach (var argument in extraArguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AzureWebJobsStorage"] = storageConnection;
        info.Environment["SagaStorage"] = storageConnection;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the local host.");
        var host = new HostChildProcess(process, new Uri($"http://localhost:{port}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await PortProbe.AnswersAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var output = host.Output;
                await host.DisposeAsync();
                throw new InvalidOperationException($"The local host process did not start (exit: {(process.HasExited ? process.ExitCode : "none")}):\n{output}");
            }

            await Task.Delay(100);
        }

        return host;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The child's working set now, in bytes.</summary>
    public long WorkingSet()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>Samples the working set every 100 ms until <paramref name="stop"/>; returns the peak.</summary>
    public async Task<long> PeakWorkingSetAsync(CancellationToken stop)
    {
        var peak = WorkingSet();
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, WorkingSet());
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return Math.Max(peak, WorkingSet());
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
