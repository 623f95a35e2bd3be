namespace SagaFunctions.Infra.Tests;

/// <summary>No keys anywhere; the storage account accepts Entra ID only.</summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class StorageAndSecretsTests(CompiledTemplate template)
{
    private static readonly string[] SecretMarkers =
    [
        "listKeys", "listConnectionStrings", "listAccountSas", "listServiceSas",
        "AccountKey=", "SharedAccessKey", "SharedAccessSignature", "DefaultEndpointsProtocol",
        "UseDevelopmentStorage", "primaryKey", "secondaryKey", "InstrumentationKey=",
    ];

    [Fact]
    public void The_template_holds_no_key_listing_or_connection_string()
    {
        foreach (var marker in SecretMarkers)
        {
            Assert.DoesNotContain(marker, template.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void No_app_setting_value_is_a_key_or_connection_string()
    {
        foreach (var (name, value) in template.AppSettings)
        {
            foreach (var marker in SecretMarkers)
            {
                Assert.False(
                    value.Contains(marker, StringComparison.OrdinalIgnoreCase),
                    $"App setting {name} carries '{marker}': {value}");
            }

            Assert.False(
                name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) && name != "APPLICATIONINSIGHTS_CONNECTION_STRING",
                $"App setting {name} looks like a connection string.");
        }
    }

    [Fact]
    public void Storage_account_refuses_shared_keys_anonymous_blobs_and_plain_http()
    {
        var storage = template.Single("Microsoft.Storage/storageAccounts").Properties;

        Assert.False(storage["allowSharedKeyAccess"]?.GetValue<bool>());
        Assert.False(storage["allowBlobPublicAccess"]?.GetValue<bool>());
        Assert.Equal("TLS1_2", storage["minimumTlsVersion"]?.GetValue<string>());
        Assert.True(storage["supportsHttpsTrafficOnly"]?.GetValue<bool>());
        Assert.True(storage["defaultToOAuthAuthentication"]?.GetValue<bool>());
    }

    [Fact]
    public void Service_bus_and_application_insights_disable_local_auth()
    {
        var serviceBus = template.Single("Microsoft.ServiceBus/namespaces").Properties;
        var insights = template.Single("Microsoft.Insights/components").Properties;

        Assert.True(serviceBus["disableLocalAuth"]?.GetValue<bool>());
        Assert.Equal("1.2", serviceBus["minimumTlsVersion"]?.GetValue<string>());
        Assert.True(insights["DisableLocalAuth"]?.GetValue<bool>());
    }

    [Fact]
    public void Application_insights_is_workspace_based()
    {
        var insights = template.Single("Microsoft.Insights/components");
        var workspace = template.Single("Microsoft.OperationalInsights/workspaces");

        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights.Properties["WorkspaceResourceId"]?.GetValue<string>() ?? string.Empty, StringComparison.Ordinal);
        Assert.Same(insights.Template, workspace.Template);
    }
}
