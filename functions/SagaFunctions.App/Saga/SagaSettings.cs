using Microsoft.Extensions.Configuration;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Saga;

/// <summary>Saga settings (<c>Saga__*</c> app settings).</summary>
public sealed class SagaSettings(IConfiguration configuration)
{
    /// <summary>How long a step may take before the saga fails it with TIMEOUT (durable timer).</summary>
    public TimeSpan StepTimeout => configuration.GetValue("Saga:StepTimeout", TimeSpan.FromSeconds(30));

    /// <summary>The style of an order that does not ask for one.</summary>
    public string DefaultStyle => configuration["Saga:DefaultStyle"] is { Length: > 0 } style ? style : SagaStyles.Orchestration;
}
