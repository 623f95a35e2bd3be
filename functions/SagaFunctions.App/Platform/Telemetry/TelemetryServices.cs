using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace SagaFunctions.App.Platform.Telemetry;

/// <summary>
/// OpenTelemetry for the app, exported where the settings say, as the Functions host itself decides:
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (any collector, Jaeger, the Aspire dashboard),
/// Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is. With neither, nothing subscribes
/// to the sources, so no span is even created and nothing needs a collector.
/// </summary>
public static class TelemetryServices
{
    /// <summary>The DurableTask SDK's source: the orchestration, each activity and timer, the client's start.</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>Every Azure SDK client's source (Tables, Queues, Service Bus, and their HTTP calls), the wildcard the Functions host uses.</summary>
    public const string AzureSdkSources = "Azure.*";

    public static IServiceCollection AddSagaTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();
        services.AddSingleton<SagaMetrics>();

        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var azureMonitor = !string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        if (!otlp && !azureMonitor)
        {
            return services;
        }

        // Service Bus emits its spans (and reads and writes traceparent on messages) only behind this switch;
        // Tables and Queues emit theirs without it. Read once, in a static constructor: set it before any client.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new NoBackgroundStorageSampler()))
                .AddSource(SagaTelemetry.SourceName, DurableTaskSource, AzureSdkSources))
            .WithMetrics(metrics => metrics.AddMeter(SagaMetrics.MeterName));
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter()).WithMetrics(metrics => metrics.AddOtlpExporter());
        }

        if (azureMonitor)
        {
            // In Azure the app signs in to Application Insights with its managed identity (the Bicep sets
            // APPLICATIONINSIGHTS_AUTHENTICATION_STRING=Authorization=AAD and grants the role).
            var signIn = configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) == true;
            telemetry.UseAzureMonitorExporter(options =>
            {
                if (signIn)
                {
                    options.Credential = new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
                }
            });
        }

        return services;
    }
}
