namespace SagaFunctions.Infra.Tests;

/// <summary>The integration-event topic detects duplicates; a subscription exists only for a reader.</summary>
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
    public void No_subscription_is_made_unless_a_reader_is_named_and_one_named_cannot_pile_messages_up_for_good()
    {
        var subscription = template.Single("Microsoft.ServiceBus/namespaces/topics/subscriptions");

        Assert.Equal(string.Empty, template.MainParameterDefault("serviceBusSubscriptionName"));
        Assert.Contains("not(empty(parameters('subscriptionName')))", subscription.Body["condition"]?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.True(subscription.Properties["deadLetteringOnMessageExpiration"]?.GetValue<bool>());
        Assert.NotNull(subscription.Properties["defaultMessageTimeToLive"]);
        Assert.NotNull(subscription.Properties["autoDeleteOnIdle"]);
    }
}
