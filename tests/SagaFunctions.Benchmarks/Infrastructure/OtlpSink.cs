using System.Globalization;
using System.Net;
using SagaFunctions.Azurite;

namespace SagaFunctions.Benchmarks.Infrastructure;

/// <summary>
/// A collector that accepts OTLP over HTTP (protobuf) and drops it, so a traced host pays for making and
/// exporting every span, as it would with a real collector, without one to install. It counts what came.
/// </summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private long _requests;
    private long _bytes;

    public OtlpSink()
    {
        Port = PortProbe.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    /// <summary>The settings that make the app export traces and metrics here, every span sampled.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_TRACES_SAMPLER"] = "parentbased_always_on",
    };

    public long Requests => Interlocked.Read(ref _requests);

    public long Bytes => Interlocked.Read(ref _bytes);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (HttpListenerException)
        {
            // Stopped while waiting for a request.
        }
        catch (ObjectDisposedException)
        {
            // Closed while waiting for a request.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using (var drained = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(drained);
                Interlocked.Add(ref _bytes, drained.Length);
            }

            Interlocked.Increment(ref _requests);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
