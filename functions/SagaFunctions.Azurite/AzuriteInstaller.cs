using System.Diagnostics;
using System.Reflection;

namespace SagaFunctions.Azurite;

/// <summary>
/// Installs the Azurite version pinned by <c>npm/package-lock.json</c> on first use
/// (<c>npm ci</c>), so a fresh clone needs only Node.js.
/// </summary>
public static class AzuriteInstaller
{
    /// <summary>The folder holding the pinned package.json and lock file.</summary>
    public static string NpmFolder =>
        Environment.GetEnvironmentVariable("SAGA_AZURITE_NPM_FOLDER")
        ?? typeof(AzuriteInstaller).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "AzuriteNpmFolder").Value!;

    /// <summary>Path of Azurite's entry script, installing it first when missing.</summary>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(NpmFolder, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(script))
        {
            return script;
        }

        // Several test assemblies start at once: one installs, the others wait on the lock.
        using var installLock = await AcquireLockAsync(Path.Combine(NpmFolder, ".install.lock"), cancellationToken);
        if (File.Exists(script))
        {
            return script;
        }

        var npm = ExecutableLocator.Find("npm")
            ?? throw new InvalidOperationException(
                "Azurite is needed but npm was not found on PATH. Install Node.js 20 or newer, " +
                "or set AzureWebJobsStorage to an existing storage account.");
        var result = await ProcessRunner.RunAsync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], NpmFolder, cancellationToken);
        if (result.ExitCode != 0 || !File.Exists(script))
        {
            throw new InvalidOperationException($"'npm ci' in {NpmFolder} failed (exit {result.ExitCode}):\n{result.Output}");
        }

        return script;
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (deadline.Elapsed < TimeSpan.FromMinutes(10))
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }
}
