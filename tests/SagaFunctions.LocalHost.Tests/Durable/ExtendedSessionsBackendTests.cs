using System.Net.Http.Json;
using System.Text.Json;
using SagaFunctions.Azurite;
using SagaFunctions.LocalHost.Tests.Probes;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Durable;

/// <summary>
/// Extended sessions on the real backend: the same 5-step orchestration, on hosts with the setting
/// off and on, and the history reads Azurite saw for each (its debug log names every request).
/// </summary>
public sealed class ExtendedSessionsBackendTests
{
    private static readonly string ProbeType = LocalHostProcess.TypeArgument(typeof(ProbeFunctions));
    private const int Steps = 5;

    [Fact]
    public async Task With_extended_sessions_an_orchestration_reads_its_history_once_instead_of_once_per_episode()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sagafunctions-tests", "sessions-" + Guid.NewGuid().ToString("N"));
        var log = Path.Combine(folder, "azurite-debug.log");
        try
        {
            int readsWithout, readsWith;
            await using (var azurite = await AzuriteProcess.StartAsync(AzuriteEndpoints.FreePorts(), Path.Combine(folder, "data"), inMemory: true, debugLogPath: log))
            {
                readsWithout = await HistoryReadsOfOneRunAsync(azurite.ConnectionString, log, extendedSessions: false);
                readsWith = await HistoryReadsOfOneRunAsync(azurite.ConnectionString, log, extendedSessions: true);
            }

            // Without: one read per episode (the start and each of the 5 answers). With: the first only.
            Assert.True(readsWithout >= Steps, $"expected a history read per episode without extended sessions, saw {readsWithout}");
            Assert.Equal(1, readsWith);
        }
        finally
        {
            DeleteQuietly(folder);
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static async Task<int> HistoryReadsOfOneRunAsync(string connection, string log, bool extendedSessions)
    {
        var hub = AzuriteFixture.UniqueName(extendedSessions ? "sessionson" : "sessionsoff");
        var hostJson = TestHostJson.Write(json => json["extensions"]!["durableTask"]!["extendedSessionsEnabled"] = extendedSessions);
        await using var host = await LocalHostProcess.StartAsync(connection, hub, hostJson, ProbeType);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var started = await http.PostAsync(new Uri($"/api/probes/{Steps}", UriKind.Relative), null);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        JsonElement status = default;
        await Eventually.TrueAsync(
            async () =>
            {
                status = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/probes/{id}", UriKind.Relative));
                return status.GetProperty("status").GetString() is "Completed" or "Failed";
            },
            "the probe orchestration finished");
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.Equal("15", status.GetProperty("output").GetString());

        // Azurite writes its log behind the requests: count once the count has settled.
        var reads = -1;
        await Eventually.TrueAsync(
            async () =>
            {
                await Task.Delay(500);
                var now = CountHistoryReads(log, hub);
                var settled = now == reads;
                reads = now;
                return settled;
            },
            "Azurite's debug log settled");
        return reads;
    }

    private static int CountHistoryReads(string log, string hub)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var historyQuery = "/" + hub + "History()";
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains("RequestMethod=GET", StringComparison.Ordinal) && line.Contains(historyQuery, StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }
        }

        return count;
    }
}
