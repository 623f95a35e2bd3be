using OpenTelemetry.Trace;

namespace SagaFunctions.App.Platform.Telemetry;

/// <summary>
/// Drops traces that a storage call would start on its own: the durable backend and the queue listeners
/// poll storage all the time, outside any request, and each poll would be a trace of its own. A storage
/// call made for a request, a step or a message is a child span and is kept (the parent decides).
/// </summary>
public sealed class NoBackgroundStorageSampler : Sampler
{
    private static readonly HashSet<string> HttpMethods = new(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "MERGE", "OPTIONS"], StringComparer.Ordinal);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        var storageCall = HttpMethods.Contains(samplingParameters.Name)
            || samplingParameters.Tags?.Any(t => t.Key == "az.namespace") == true;
        return new SamplingResult(storageCall ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
    }
}
