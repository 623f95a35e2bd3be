using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SagaFunctions.App.Platform.Http;

/// <summary>RFC 7807 problem details (<c>application/problem+json</c>) for every error the API returns.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>400 with the fields that are wrong (ASP.NET's ValidationProblemDetails shape: <c>errors</c> by field).</summary>
    public static IActionResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        Result(new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        });

    public static IActionResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IActionResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "Not found.", detail, "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    public static IActionResult Conflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, "Conflict.", detail, "https://tools.ietf.org/html/rfc9110#section-15.5.10");

    /// <summary>503: the action could not be completed now (a dependency failed); the same request may be repeated.</summary>
    public static IActionResult Unavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Not completed; try again.", detail, "https://tools.ietf.org/html/rfc9110#section-15.6.4");

    public static IActionResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"The body may be at most {limit} bytes.", "https://tools.ietf.org/html/rfc9110#section-15.5.14");

    public static IActionResult UnsupportedMediaType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "Send JSON.", "The body must be application/json.", "https://tools.ietf.org/html/rfc9110#section-15.5.16");

    private static ObjectResult Problem(int status, string title, string detail, string type) =>
        Result(new ProblemDetails { Status = status, Title = title, Detail = detail, Type = type });

    private static ObjectResult Result(ProblemDetails problem)
    {
        var result = new ObjectResult(problem) { StatusCode = problem.Status };
        result.ContentTypes.Add(ContentType);
        return result;
    }
}
