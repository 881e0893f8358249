namespace ReplySearch.Api;

/// <summary>
/// The longest path and query string the service reads. A valid search is far shorter (a query of 1,000
/// Chinese characters is 9 KB percent-encoded); longer gets 414 as a problem document from here. Kestrel's
/// own request-line limit sits well above (<see cref="KestrelLineBytes"/>) so that it is this answer a
/// client sees, not Kestrel's bare 414, for anything a browser would send from a pasted text.
/// </summary>
public static class RequestTargetLimit
{
    public const int MaxBytes = 16 * 1024;

    /// <summary>Kestrel's request-line limit: a bound on what one connection buffers before this check runs.</summary>
    public const int KestrelLineBytes = 256 * 1024;

    public static IApplicationBuilder UseRequestTargetLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var length = (request.PathBase.Value?.Length ?? 0) + (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
        if (length > MaxBytes)
        {
            await TypedResults.Problem(title: "URI too long",
                detail: $"The path and query string are {length:N0} characters; at most {MaxBytes:N0} are read. A query may be 1,000 characters.",
                statusCode: StatusCodes.Status414RequestUriTooLong).ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
