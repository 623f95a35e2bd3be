namespace SagaFunctions.Infra.Tests;

/// <summary>The integration-event topic detects duplicates and has a catch-all subscription.</summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class ServiceBusTests(CompiledTemplate template)
{
    [Fact]
    public void The_namespace_is_Standard()
    {
        var serviceBus = template.Single("Microsoft.ServiceBus/namespaces");

        Assert.Equal("Standard", serviceBus.Body["sku"]?["name"]?.GetValue<string>());
    }

    [Fact]
    public void The_topic_requires_duplicate_detection_with_a_window()
    {
        var topic = template.Single("Microsoft.ServiceBus/namespaces/topics").Properties;

        Assert.True(topic["requiresDuplicateDetection"]?.GetValue<bool>());
        Assert.NotNull(topic["duplicateDetectionHistoryTimeWindow"]);
        Assert.Equal("order-events", template.MainParameterDefault("serviceBusTopicName"));
    }

    [Fact]
    public void The_topic_has_an_all_events_subscription()
    {
        var subscription = template.Single("Microsoft.ServiceBus/namespaces/topics/subscriptions");

        Assert.Contains("parameters('subscriptionName')", subscription.Name, StringComparison.Ordinal);
        Assert.Equal("all-events", template.MainParameterDefault("serviceBusSubscriptionName"));
        Assert.True(subscription.Properties["deadLetteringOnMessageExpiration"]?.GetValue<bool>());
    }
}
