namespace SagaFunctions.Infra.Tests;

/// <summary>The function app's identity gets exactly the data roles it needs, on the right scopes.</summary>
[Collection(CompiledTemplateGroup.Name)]
public sealed class RoleAssignmentTests(CompiledTemplate template)
{
    public static TheoryData<string, string, string> Grants => new()
    {
        { "Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts" },
        { "Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts" },
        { "Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts" },
        { "Azure Service Bus Data Sender", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "Microsoft.ServiceBus/namespaces" },
        { "Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components" },
    };

    [Theory]
    [MemberData(nameof(Grants))]
    public void The_app_identity_holds_the_role_on_its_scope(string role, string roleId, string scopeType)
    {
        var assignments = template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.ResolveVariables(a.Properties["roleDefinitionId"]?.GetValue<string>() ?? string.Empty)
                .Contains($"'{roleId}'", StringComparison.OrdinalIgnoreCase))
            .ToList();

        var assignment = Assert.Single(assignments);
        var roleDefinition = assignment.ResolveVariables(assignment.Properties["roleDefinitionId"]!.GetValue<string>());
        Assert.Contains("subscriptionResourceId('Microsoft.Authorization/roleDefinitions'", roleDefinition, StringComparison.Ordinal);
        Assert.Equal("[parameters('principalId')]", assignment.Properties["principalId"]?.GetValue<string>());
        Assert.Equal("ServicePrincipal", assignment.Properties["principalType"]?.GetValue<string>());
        Assert.Contains(scopeType, assignment.Body["scope"]?.GetValue<string>() ?? string.Empty, StringComparison.Ordinal);

        // Named guid(scope, principalId, roleDefinitionId).
        var name = assignment.ResolveVariables(assignment.Name);
        Assert.StartsWith($"[guid(resourceId('{scopeType}'", name, StringComparison.Ordinal);
        Assert.EndsWith($", parameters('principalId'), '{roleId}')]", name, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(role));
    }

    [Fact]
    public void There_are_no_other_role_assignments()
    {
        Assert.Equal(Grants.Count, template.OfType("Microsoft.Authorization/roleAssignments").Count);
    }

    [Fact]
    public void The_principal_is_the_function_app_system_identity()
    {
        var rbac = template.Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Name == "rbac");
        var principal = rbac.Properties["parameters"]?["principalId"]?["value"]?.GetValue<string>() ?? string.Empty;

        Assert.Contains("'api'", principal, StringComparison.Ordinal);
        Assert.Contains("outputs.principalId.value", principal, StringComparison.Ordinal);
        var api = template.Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Name == "api");
        var output = api.Properties["template"]?["outputs"]?["principalId"]?["value"]?.GetValue<string>() ?? string.Empty;
        Assert.Contains("reference('functionApp'", output, StringComparison.Ordinal);
        Assert.Contains("identity.principalId", output, StringComparison.Ordinal);
    }
}
