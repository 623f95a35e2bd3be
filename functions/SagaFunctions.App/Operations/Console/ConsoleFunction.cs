using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace SagaFunctions.App.Operations.Console;

/// <summary>
/// <c>GET /api/console</c> (admin level): the operator console, one HTML page with its CSS and script
/// inlined from the app assembly's embedded resources (nothing to build or install; one request, so the
/// master key given as <c>?code=</c> is all the page needs, and it forwards it to the API calls). A
/// per-response nonce lets the Content-Security-Policy allow that inline script and no other; styles may be
/// inline (the timeline places its bars with style attributes).
/// </summary>
public sealed class ConsoleFunction
{
    private static readonly Lazy<string> Page = new(() =>
        Resource("console.html").Replace("{{css}}", Resource("console.css"), StringComparison.Ordinal).Replace("{{js}}", Resource("console.js"), StringComparison.Ordinal));

    [Function(nameof(OperatorConsole))]
    public IActionResult OperatorConsole([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "console")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        return new ContentResult { Content = Page.Value.Replace("{{nonce}}", nonce, StringComparison.Ordinal), ContentType = "text/html; charset=utf-8", StatusCode = 200 };
    }

    private static string Resource(string name)
    {
        using var stream = typeof(ConsoleFunction).Assembly.GetManifestResourceStream("SagaFunctions.Console." + name)
            ?? throw new InvalidOperationException($"The console asset {name} is not embedded in the app.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
