namespace SagaFunctions.Infra.Tests;

/// <summary>
/// The front door for people: App Service Authentication with Entra ID in front of the whole app, an
/// option of the template (off unless an app registration is named), with no secret kept anywhere.
/// </summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class SignInTests(CompiledTemplate template)
{
    private TemplateResource Auth => template.Single("Microsoft.Web/sites/config");

    [Fact]
    public void Sign_in_is_off_unless_an_app_registration_is_named()
    {
        Assert.Equal(string.Empty, template.MainParameterDefault("authClientId"));
        Assert.Contains("not(empty(parameters('authClientId')))", Auth.Body["condition"]?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.EndsWith("'authsettingsV2')]", Auth.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void When_on_every_request_needs_an_entra_id_sign_in_over_https()
    {
        var properties = Auth.Properties;

        Assert.True(properties["platform"]?["enabled"]?.GetValue<bool>());
        Assert.True(properties["globalValidation"]?["requireAuthentication"]?.GetValue<bool>());
        Assert.Equal("RedirectToLoginPage", properties["globalValidation"]?["unauthenticatedClientAction"]?.GetValue<string>());
        Assert.Null(properties["globalValidation"]?["excludedPaths"]);
        Assert.True(properties["httpSettings"]?["requireHttps"]?.GetValue<bool>());
    }

    [Fact]
    public void The_provider_is_the_named_registration_of_the_named_tenant_and_takes_tokens_for_its_api()
    {
        var entra = Auth.Properties["identityProviders"]?["azureActiveDirectory"];

        Assert.True(entra?["enabled"]?.GetValue<bool>());
        Assert.Contains("parameters('authClientId')", entra?["registration"]?["clientId"]?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var issuer = entra?["registration"]?["openIdIssuer"]?.ToString() ?? string.Empty;
        Assert.Contains("parameters('authTenantId')", issuer, StringComparison.Ordinal);
        Assert.Contains("/v2.0", issuer, StringComparison.Ordinal);
        Assert.Null(entra?["registration"]?["clientSecretSettingName"]);
        Assert.Contains("api://", entra?["validation"]?["allowedAudiences"]?.ToJsonString() ?? string.Empty, StringComparison.Ordinal);
    }
}
