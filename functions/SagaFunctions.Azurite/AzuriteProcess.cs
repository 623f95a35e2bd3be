using System.Diagnostics;
using System.Text;

namespace SagaFunctions.Azurite;

/// <summary>
/// An Azurite process on loopback, started from the pinned install and stopped (with its
/// process tree) on dispose.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private AzuriteProcess(Process process, AzuriteEndpoints endpoints, string dataFolder, StringBuilder output)
    {
        _process = process;
        _output = output;
        Endpoints = endpoints;
        DataFolder = dataFolder;
    }

    public AzuriteEndpoints Endpoints { get; }

    public string DataFolder { get; }

    public string ConnectionString => Endpoints.ConnectionString;

    /// <summary>Installs Azurite if needed, starts it and waits until all three services answer.</summary>
    public static Task<AzuriteProcess> StartAsync(AzuriteEndpoints endpoints, string dataFolder, bool inMemory = false, CancellationToken cancellationToken = default) =>
        StartAsync(endpoints, dataFolder, inMemory, debugLogPath: null, cancellationToken);

    /// <summary>
    /// As above; with <paramref name="debugLogPath"/>, Azurite writes its debug log there (one
    /// "StorageContextMiddleware: RequestMethod=" line per incoming request: benchmarks count them).
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(AzuriteEndpoints endpoints, string dataFolder, bool inMemory, string? debugLogPath, CancellationToken cancellationToken = default)
    {
        var script = await AzuriteInstaller.EnsureInstalledAsync(cancellationToken);
        var node = ExecutableLocator.Find("node")
            ?? throw new InvalidOperationException("Azurite needs Node.js, but 'node' was not found on PATH. Install Node.js 20 or newer.");
        Directory.CreateDirectory(dataFolder);

        var info = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(script, endpoints, dataFolder, inMemory, debugLogPath))
        {
            info.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(process, endpoints, dataFolder, output);
        await azurite.WaitUntilReadyAsync(cancellationToken);
        return azurite;
    }

    /// <summary>The command line after <c>node</c>: the script, loopback hosts and the given ports, and where data goes.</summary>
    public static IReadOnlyList<string> Arguments(string script, AzuriteEndpoints endpoints, string dataFolder, bool inMemory, string? debugLogPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;

        // --disableTelemetry: Azurite reports usage to Microsoft by default, and that costs it about a
        // sixth of its CPU under load (request tracing, and a stat of its telemetry folder).
        List<string> arguments =
        [
            script, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", endpoints.BlobPort.ToString(invariant),
            "--queueHost", "127.0.0.1", "--queuePort", endpoints.QueuePort.ToString(invariant),
            "--tableHost", "127.0.0.1", "--tablePort", endpoints.TablePort.ToString(invariant),
        ];
        if (debugLogPath is not null)
        {
            arguments.AddRange(["--debug", debugLogPath]);
        }

        // In memory (tests) is faster and leaves nothing behind; Azurite refuses a location with it.
        arguments.AddRange(inMemory ? ["--inMemoryPersistence"] : ["--location", dataFolder]);
        return arguments;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}:\n{Output}");
            }

            var answers = await Task.WhenAll(Endpoints.Ports.Select(p => PortProbe.AnswersAsync(p, cancellationToken)));
            if (answers.All(a => a))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        await DisposeAsync();
        throw new TimeoutException($"Azurite did not answer on ports {string.Join(", ", Endpoints.Ports)} within 60 s:\n{Output}");
    }

    /// <summary>What Azurite printed so far (for error messages).</summary>
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

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                // Bounded: a test run once waited here for good on a process that was gone (pids wrap at 32,768 here).
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to stop.
        }
        catch (TimeoutException)
        {
            // Killed; its exit was not seen. Nothing more to wait for.
        }

        _process.Dispose();
    }
}
