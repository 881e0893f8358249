using Microsoft.AspNetCore.Http.HttpResults;

namespace ReplySearch.Api.Endpoints;

/// <summary>RFC 7807 answers shared by the endpoints.</summary>
internal static class Problems
{
    public static ProblemHttpResult Starting(IndexHost host) => TypedResults.Problem(
        title: host.State == IndexState.Failed ? "The index could not be opened" : "The index is starting",
        detail: host.State == IndexState.Failed ? host.Error : "The service is indexing the corpus; try again in a moment.",
        statusCode: StatusCodes.Status503ServiceUnavailable);

    public static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        title: "No such reply", detail: $"No reply has the id '{id}'.", statusCode: StatusCodes.Status404NotFound);

    public static ValidationProblem BadParameters(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(
        errors, title: "Invalid parameter: " + string.Join(", ", errors.Keys), detail: string.Join(" ", errors.Values.SelectMany(v => v)));

    /// <summary>Ids are 16 lowercase hex digits; anything else names no reply (and no file).</summary>
    public static bool IsId(string id) => id.Length == 16 && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
