using System.Diagnostics;
using System.Reflection;

namespace SagaFunctions.Infra.Tests;

/// <summary>The result of one bicep CLI run.</summary>
internal sealed record BicepResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Diagnostic lines ("file(line,col) : Warning|Error|Info rule: message").</summary>
    public IReadOnlyList<string> Diagnostics =>
        StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" : ", StringComparison.Ordinal))
            .ToList();
}

/// <summary>
/// Runs the bicep CLI shipped by the Azure.Bicep.CommandLine.linux-x64 package (tools/bicep).
/// The package folder comes from the csproj (GeneratePathProperty) through AssemblyMetadata.
/// Every run gets a dead proxy, so anything that needs the network fails instead of passing.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string> ExecutablePath = new(FindExecutable);

    public static string Executable => ExecutablePath.Value;

    public static BicepResult Run(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.InfraFolder,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Offline: a proxy on a closed local port makes any HTTP(S) call fail fast.
        startInfo.Environment["HTTP_PROXY"] = "http://127.0.0.1:9";
        startInfo.Environment["HTTPS_PROXY"] = "http://127.0.0.1:9";
        startInfo.Environment["NO_PROXY"] = string.Empty;
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var stdOut = process.StandardOutput.ReadToEndAsync();
        var stdErr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran longer than {Timeout}.");
        }

        process.WaitForExit();
        return new BicepResult(process.ExitCode, stdOut.GetAwaiter().GetResult(), stdErr.GetAwaiter().GetResult());
    }

    private static string FindExecutable()
    {
        var packageRoot = typeof(BicepCli).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPackageRoot")?.Value;
        if (string.IsNullOrWhiteSpace(packageRoot))
        {
            throw new InvalidOperationException(
                "AssemblyMetadata BicepPackageRoot is empty: restore the Azure.Bicep.CommandLine.linux-x64 package.");
        }

        var path = Path.Combine(packageRoot, "tools", "bicep");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The Bicep package holds no tools/bicep.", path);
        }

        // NuGet extracts the file as rwxr--r-- owned by whoever restored: make sure we may run it.
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(path);
            if ((mode & execute) != execute)
            {
                try
                {
                    File.SetUnixFileMode(path, mode | execute);
                }
                catch (UnauthorizedAccessException)
                {
                    // Not the owner of the package cache: running it tells whether we may.
                }
            }
        }

        return path;
    }
}
