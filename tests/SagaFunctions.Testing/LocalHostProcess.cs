using System.Diagnostics;
using SagaFunctions.Azurite;

namespace SagaFunctions.Testing;

/// <summary>
/// The local host as a separate process (<c>dotnet SagaFunctions.LocalHost.dll</c>), so a test
/// can kill it outright, as a crash or a scale-in would, and start another on the same storage.
/// The test assembly references SagaFunctions.LocalHost, so the host's dll is next to it.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TextWriter? _log;

    private LocalHostProcess(Process process, Uri baseAddress, TextWriter? log)
    {
        _process = process;
        BaseAddress = baseAddress;
        _log = log;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// How <c>--functions-type</c> and <c>--configure-services</c> name a test's type ("Namespace.Type, Assembly"),
    /// taken from the type itself so that it follows the type when it moves.
    /// </summary>
    public static string TypeArgument(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return $"{type.FullName}, {type.Assembly.GetName().Name}";
    }

    /// <summary>A host process that also runs the functions of <paramref name="functionTypes"/> ("Type, Assembly").</summary>
    public static Task<LocalHostProcess> StartAsync(string storageConnection, string taskHub, string hostJson, params string[] functionTypes) =>
        StartAsync(storageConnection, taskHub, hostJson, new Dictionary<string, string>(), functionTypes.SelectMany(type => new[] { "--functions-type", type }));

    /// <summary>A host process with these settings (environment variables) and extra command-line arguments.</summary>
    public static async Task<LocalHostProcess> StartAsync(
        string storageConnection, string taskHub, string hostJson, IReadOnlyDictionary<string, string> settings, IEnumerable<string>? arguments = null)
    {
        var port = PortProbe.FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "SagaFunctions.LocalHost.dll"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--task-hub", taskHub, "--host-json", hostJson }
            .Concat(arguments ?? []))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AzureWebJobsStorage"] = storageConnection;
        info.Environment["SagaStorage"] = storageConnection;
        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }
        // To see what the process logged, set SAGA_CHILD_LOG to a path prefix (and SAGA_DURABLE_LOG_LEVEL
        // to Information or Debug for the durable backend, the sidecar and the worker).
        var logPath = Environment.GetEnvironmentVariable("SAGA_CHILD_LOG");
        var log = logPath is null ? null : TextWriter.Synchronized(new StreamWriter($"{logPath}.{port}.log") { AutoFlush = true });
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => log?.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => log?.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new LocalHostProcess(process, new Uri($"http://localhost:{port}"), log);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await PortProbe.AnswersAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await host.DisposeAsync();
                throw new InvalidOperationException($"The local host process did not start (exit: {(process.HasExited ? process.ExitCode : "none")}).");
            }

            await Task.Delay(100);
        }

        return host;
    }

    /// <summary>Completes when the process has ended by itself (a test's fault injector ended it).</summary>
    public Task ExitedAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Ends the process at once: no graceful shutdown, like a crash.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)); // also drains the redirected output
        }
        catch (TimeoutException)
        {
            // Killed; its exit (or the end of its output) was not seen: a test must not wait on it for good.
        }

        _process.Dispose();
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }
    }
}
