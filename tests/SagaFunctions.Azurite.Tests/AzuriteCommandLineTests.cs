namespace SagaFunctions.Azurite.Tests;

/// <summary>How the local host, the tests and the benchmarks start Azurite.</summary>
public sealed class AzuriteCommandLineTests
{
    private static readonly AzuriteEndpoints Ports = new(21000, 21001, 21002);

    [Fact]
    public void Azurite_runs_without_its_usage_telemetry_on_loopback()
    {
        var arguments = AzuriteProcess.Arguments("azurite.js", Ports, "data", inMemory: false, debugLogPath: null);

        // Telemetry on took about a sixth of Azurite's CPU under load (README, Performance).
        Assert.Contains("--disableTelemetry", arguments);
        Assert.Equal(["127.0.0.1", "127.0.0.1", "127.0.0.1"], ValuesOf(arguments, "--blobHost", "--queueHost", "--tableHost"));
        Assert.Equal(["21000", "21001", "21002"], ValuesOf(arguments, "--blobPort", "--queuePort", "--tablePort"));
        Assert.Equal("azurite.js", arguments[0]);
    }

    [Fact]
    public void Data_goes_to_the_folder_or_stays_in_memory_and_the_debug_log_only_when_asked()
    {
        var onDisk = AzuriteProcess.Arguments("azurite.js", Ports, "data", inMemory: false, debugLogPath: "debug.log");
        var inMemory = AzuriteProcess.Arguments("azurite.js", Ports, "data", inMemory: true, debugLogPath: null);

        Assert.Equal(["data"], ValuesOf(onDisk, "--location"));
        Assert.Equal(["debug.log"], ValuesOf(onDisk, "--debug"));
        Assert.DoesNotContain("--inMemoryPersistence", onDisk);

        // Azurite refuses a location together with in-memory persistence.
        Assert.Contains("--inMemoryPersistence", inMemory);
        Assert.DoesNotContain("--location", inMemory);
        Assert.DoesNotContain("--debug", inMemory);
    }

    private static string[] ValuesOf(IReadOnlyList<string> arguments, params string[] options) =>
        [.. options.Select(option => arguments[IndexOf(arguments, option) + 1])];

    private static int IndexOf(IReadOnlyList<string> arguments, string option)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == option)
            {
                return i;
            }
        }

        throw new Xunit.Sdk.XunitException($"{option} is not on the command line: {string.Join(' ', arguments)}");
    }
}
