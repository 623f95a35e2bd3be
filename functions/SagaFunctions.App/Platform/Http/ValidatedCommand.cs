using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SagaFunctions.Domain;

namespace SagaFunctions.App.Platform.Http;

/// <summary>
/// The shape every create command shares: read the JSON body, validate it, and only then run
/// the command; a refused request writes nothing. A domain failure (already exists with other
/// values) is a conflict.
/// </summary>
public static class ValidatedCommand
{
    public static async Task<IActionResult> RunAsync<TBody>(
        HttpRequest request,
        JsonTypeInfo<TBody> body,
        Func<TBody?, IReadOnlyDictionary<string, string[]>> validate,
        Func<TBody, Task<(CommandResult Result, string Location, object Created)>> execute)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(validate);
        ArgumentNullException.ThrowIfNull(execute);
        var read = await JsonBody.ReadAsync(request, body);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var errors = validate(read.Value);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (result, location, created) = await execute(read.Value!);
        return result.Succeeded ? new CreatedResult(location, created) : Problems.Conflict(result.Failure!.Detail);
    }
}
