namespace SagaFunctions.Infra.Tests;

/// <summary>The function app and its plan in the compiled template.</summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class FunctionAppTests(CompiledTemplate template)
{
    [Fact]
    public void The_plan_is_Flex_Consumption_FC1_on_Linux()
    {
        var plan = template.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Body["sku"]?["name"]?.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.Body["sku"]?["tier"]?.GetValue<string>());
        Assert.True(plan.Properties["reserved"]?.GetValue<bool>());
    }

    [Fact]
    public void The_runtime_is_dotnet_isolated_10()
    {
        var runtime = template.FunctionApp.Properties["functionAppConfig"]?["runtime"];

        Assert.Equal("dotnet-isolated", runtime?["name"]?.GetValue<string>());
        Assert.Equal("10.0", runtime?["version"]?.GetValue<string>());
        Assert.Equal("functionapp,linux", template.FunctionApp.Body["kind"]?.GetValue<string>());
    }

    [Fact]
    public void The_app_has_a_system_assigned_identity()
    {
        Assert.Equal("SystemAssigned", template.FunctionApp.Body["identity"]?["type"]?.GetValue<string>());
    }

    [Fact]
    public void The_app_is_https_only_with_tls_1_2_and_ftps_disabled()
    {
        var app = template.FunctionApp.Properties;
        var siteConfig = app["siteConfig"];

        Assert.True(app["httpsOnly"]?.GetValue<bool>());
        Assert.Equal("Disabled", siteConfig?["ftpsState"]?.GetValue<string>());
        Assert.Equal("1.2", siteConfig?["minTlsVersion"]?.GetValue<string>());
        Assert.Equal("1.2", siteConfig?["scmMinTlsVersion"]?.GetValue<string>());
    }

    [Fact]
    public void Basic_auth_publishing_is_off_for_ftp_and_scm()
    {
        var policies = template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(2, policies.Count);
        Assert.Contains(policies, p => p.Name.Contains("'ftp'", StringComparison.Ordinal));
        Assert.Contains(policies, p => p.Name.Contains("'scm'", StringComparison.Ordinal));
        Assert.All(policies, p => Assert.False(p.Properties["allow"]?.GetValue<bool>()));
    }

    [Fact]
    public void The_package_is_deployed_from_a_blob_container_with_the_system_identity()
    {
        var storage = template.FunctionApp.Properties["functionAppConfig"]?["deployment"]?["storage"];
        var container = template.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("blobContainer", storage?["type"]?.GetValue<string>());
        Assert.Equal("SystemAssignedIdentity", storage?["authentication"]?["type"]?.GetValue<string>());
        Assert.Null(storage?["authentication"]?["storageAccountConnectionStringName"]);
        var value = storage?["value"]?.GetValue<string>() ?? string.Empty;
        Assert.Contains("primaryEndpoints.blob", value, StringComparison.Ordinal);
        Assert.Contains("parameters('deploymentContainerName')", value, StringComparison.Ordinal);
        Assert.Equal("None", container.Properties["publicAccess"]?.GetValue<string>());
    }

    [Fact]
    public void Scale_and_concurrency_are_set()
    {
        var scale = template.FunctionApp.Properties["functionAppConfig"]?["scaleAndConcurrency"];

        Assert.NotNull(scale?["maximumInstanceCount"]);
        Assert.NotNull(scale?["instanceMemoryMB"]);
        Assert.NotNull(scale?["triggers"]?["http"]?["perInstanceConcurrency"]);
        Assert.Equal("100", template.MainParameterDefault("maximumInstanceCount"));
        Assert.Equal("2048", template.MainParameterDefault("instanceMemoryMB"));
    }

    [Fact]
    public void The_app_is_tagged_for_azd_as_service_api()
    {
        var tags = template.FunctionApp.Body["tags"]?.ToJsonString() ?? string.Empty;

        Assert.Contains("azd-service-name", tags, StringComparison.Ordinal);
        Assert.Contains("serviceName", tags, StringComparison.Ordinal);
        var apiModule = template.Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Name == "api");
        Assert.Equal("api", apiModule.Properties["parameters"]?["serviceName"]?["value"]?.GetValue<string>());
    }

    [Fact]
    public void Outputs_name_the_app_its_host_and_the_storage_account()
    {
        var outputs = template.Root["outputs"]?.AsObject();

        Assert.NotNull(outputs);
        Assert.Contains("FUNCTION_APP_NAME", outputs.Select(o => o.Key));
        Assert.Contains("FUNCTION_APP_DEFAULT_HOSTNAME", outputs.Select(o => o.Key));
        Assert.Contains("STORAGE_ACCOUNT_NAME", outputs.Select(o => o.Key));
        Assert.Contains("SERVICEBUS_FULLY_QUALIFIED_NAMESPACE", outputs.Select(o => o.Key));
    }

    [Fact]
    public void Resource_names_derive_from_the_resource_token()
    {
        var token = template.Root["variables"]?["resourceToken"]?.GetValue<string>() ?? string.Empty;

        Assert.Contains("uniqueString(subscription().id, resourceGroup().id, parameters('location'))", token, StringComparison.Ordinal);
        var names = template.Root["variables"]?["names"]?.AsObject();
        Assert.NotNull(names);
        Assert.All(names, n => Assert.Contains("variables('resourceToken')", n.Value?.GetValue<string>() ?? string.Empty, StringComparison.Ordinal));
    }
}
