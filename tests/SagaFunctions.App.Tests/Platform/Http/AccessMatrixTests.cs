using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Platform.Http;

/// <summary>
/// Every HTTP function of the app, as its own metadata (functions.metadata, which the Worker SDK
/// writes from the [Function] attributes and the Functions host reads in Azure) declares it, called
/// with auth levels enforced: no route is anonymous, no key is refused everywhere, a function key is
/// refused on the admin routes, the master key opens all. A new route is in the matrix by being built.
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed partial class AccessMatrixTests(AppHostFixture app)
{
    private const string FunctionKey = "function-key-for-tests";
    private const string MasterKey = "master-key-for-tests";

    [GeneratedRegex(@"\{(?<name>\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    public static TheoryData<string, string, string, string> HttpFunctions()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var function in JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement.EnumerateArray())
        {
            foreach (var binding in function.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "httpTrigger"))
            {
                var route = RouteParameter().Replace(binding.GetProperty("route").GetString()!, m => m.Groups["name"].Value == "steps" ? "1" : "matrix-" + m.Groups["name"].Value);
                var method = binding.GetProperty("methods")[0].GetString()!.ToUpperInvariant();
                data.Add(function.GetProperty("name").GetString()!, method, "/api/" + route, binding.GetProperty("authLevel").GetString()!);
            }
        }

        return data;
    }

    [Fact]
    public void The_matrix_covers_the_app_and_no_route_is_anonymous()
    {
        var functions = HttpFunctions().Select(row => ((string)row[0], (string)row[3])).ToList();

        Assert.True(functions.Count >= 12, $"only {functions.Count} HTTP functions in functions.metadata");
        Assert.DoesNotContain(functions, f => f.Item2 == "Anonymous");
    }

    [Fact]
    public async Task Every_route_wants_its_key_none_opens_nothing_a_function_key_no_admin_route_the_master_key_all()
    {
        await using var host = await LocalHostProcess.StartAsync(
            app.Azurite.ConnectionString,
            AzuriteFixture.UniqueName("keys"),
            TestHostJson.WithDurableLeases(),
            new Dictionary<string, string>
            {
                ["LocalHost__EnforceAuthLevel"] = "true",
                ["LocalHost__FunctionKey"] = FunctionKey,
                ["LocalHost__MasterKey"] = MasterKey,
            });
        var wrong = new List<string>();
        foreach (var row in HttpFunctions())
        {
            var (function, method, path, level) = ((string)row[0], (string)row[1], (string)row[2], (string)row[3]);
            var none = await SendAsync(host, method, path, key: null);
            var withFunctionKey = await SendAsync(host, method, path, FunctionKey);
            var withMasterKey = await SendAsync(host, method, path, MasterKey);
            if (none != HttpStatusCode.Unauthorized
                || (withFunctionKey == HttpStatusCode.Unauthorized) != (level == "Admin")
                || withMasterKey == HttpStatusCode.Unauthorized)
            {
                wrong.Add($"{function} {method} {path} ({level}): no key {none}, function key {withFunctionKey}, master key {withMasterKey}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private static async Task<HttpStatusCode> SendAsync(LocalHostProcess host, string method, string path, string? key)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return (await http.SendAsync(request)).StatusCode;
    }
}
