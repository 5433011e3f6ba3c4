using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// The same contract as JSON over HTTP/1.1 (the protos' google.api.http routes) and as gRPC-Web, on the web port: what a
/// portal or a department's HTTP client sees, errors included, and the OpenAPI document describing it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RestTests(GatewayFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.WebAddress, DefaultRequestVersion = HttpVersion.Version11 };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Curl_CanSubmit_Read_AndFollow_AnApplication_WithAToken()
    {
        var identity = Identities.Next();
        var applicant = Callers.Applicant(identity);
        var body = $"{{\"requestId\":\"{Requests.Id()}\",\"details\":{JsonFormatter.Default.Format(Requests.AllNine(identity))}}}";

        using var submitted = await SendAsync(HttpMethod.Post, "/v1/applications", applicant, body);
        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        var number = submitted.Json.RootElement.GetProperty("application").GetProperty("number").GetString()!;
        Assert.Equal("APPLICATION_STATUS_ACCEPTED", submitted.Json.RootElement.GetProperty("application").GetProperty("status").GetString());

        using var read = await SendAsync(HttpMethod.Get, $"/v1/applications/{number}", applicant);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(9, read.Json.RootElement.GetProperty("application").GetProperty("matters").GetArrayLength());

        // Following it: the event log as a stream of JSON objects, resumable after a sequence.
        var first = (await StreamAsync($"/v1/applications/{number}:watch?afterSequence=1", applicant, until: _ => true)).Single();
        Assert.Equal(2, first.GetProperty("event").GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task ADepartmentFollowsItsFeed_OverHttp_ResumingAfterASequence()
    {
        var first = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine()))).Application.Number;
        var second = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine()))).Application.Number;
        var department = Callers.Department(P.Department.MedicalSecurity, "530102");

        var all = await FeedItemsAsync(department, after: 0, until: i => i.Number == second);
        var cursor = all.First(i => i.Number == first).Sequence;
        var resumed = await FeedItemsAsync(department, after: cursor, until: i => i.Number == second);

        Assert.Equal(all.Select(i => i.Sequence).Order(), all.Select(i => i.Sequence));
        Assert.Equal(all.Where(i => i.Sequence > cursor), resumed);
    }

    // Reads the feed from after a sequence until an item satisfies the condition.
    private async Task<List<(long Sequence, string Number)>> FeedItemsAsync(string token, long after, Func<(long Sequence, string Number), bool> until) =>
        [.. (await StreamAsync($"/v1/departments/DEPARTMENT_MEDICAL_SECURITY/workItems?jurisdiction=530102&afterSequence={after}", token,
                i => until(Item(i))))
            .Select(Item)];

    private static (long Sequence, string Number) Item(JsonElement item) => (item.GetProperty("sequence").GetInt64(), item.GetProperty("applicationNumber").GetString()!);

    // Reads a transcoded server stream until an item satisfies the condition.
    private async Task<List<JsonElement>> StreamAsync(string path, string token, Func<JsonElement, bool> until)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var items = new List<JsonElement>();
        while (items.Count == 0 || !until(items[^1]))
        {
            using var item = await ReadJsonObjectAsync(reader, cancel.Token);
            items.Add(item.RootElement.Clone());
        }

        return items;
    }

    [Fact]
    public async Task WithoutAToken_AJsonCallerGets401_WithTheReason_NotAGrpcFrame()
    {
        using var answer = await SendAsync(HttpMethod.Get, "/v1/applications/530102-20260101-000001", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.StartsWith("application/json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal(16, answer.Json.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("TOKEN_MISSING", answer.Json.RootElement.GetProperty("details")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RefusalsKeepTheRichErrorModel_InJson_FieldByField()
    {
        var details = Requests.AllNine();
        details.ContributionBase = "abc";
        details.ApplicantName = "";
        var body = $"{{\"requestId\":\"{Requests.Id()}\",\"details\":{JsonFormatter.Default.Format(details)}}}";

        using var answer = await SendAsync(HttpMethod.Post, "/v1/applications", Callers.Clerk(), body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var root = answer.Json.RootElement;
        Assert.Equal(3, root.GetProperty("code").GetInt32());
        Assert.Contains(" / ", root.GetProperty("message").GetString(), StringComparison.Ordinal);
        var violations = root.GetProperty("details").EnumerateArray()
            .Where(d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.BadRequest")
            .SelectMany(d => d.GetProperty("fieldViolations").EnumerateArray()).Select(v => v.GetProperty("field").GetString()).ToList();
        Assert.Contains("details.contribution_base", violations);
        Assert.Contains("details.applicant_name", violations);
        Assert.Contains(root.GetProperty("details").EnumerateArray(), d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.LocalizedMessage");
    }

    [Theory]
    [InlineData("{\"requestId\": ")]
    [InlineData("{\"requestId\": 42}")]
    [InlineData("{\"requestId\": \"r\", \"noSuchField\": 1}")]
    [InlineData("{\"details\": {\"matters\": \"all\"}}")]
    public async Task MalformedJson_WrongTypes_AndUnknownFields_Get400(string body)
    {
        using var answer = await SendAsync(HttpMethod.Post, "/v1/applications", Callers.Clerk(), body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(3, answer.Json.RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task AnOversizedBody_Gets400_WithTheLimit_BeforeItIsSent()
    {
        var body = "{\"requestId\": \"" + new string('x', GatewayHosting.MaxJsonRequestBytes) + "\"}";

        using var answer = await SendAsync(HttpMethod.Post, "/v1/applications", Callers.Clerk(), body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var violation = answer.Json.RootElement.GetProperty("details").EnumerateArray().First(d => d.TryGetProperty("fieldViolations", out _)).GetProperty("fieldViolations")[0];
        Assert.Equal("REQUEST_TOO_LARGE", violation.GetProperty("reason").GetString());
        Assert.Contains("MB", violation.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyWithinTheJsonLimit_ButAboveTheGrpcOne_ReachesTheService()
    {
        // Files in base64 make JSON a third larger than the same request over gRPC; such a body is read and validated.
        var body = "{\"requestId\": \"" + new string('x', GatewayHosting.MaxRequestBytes + 1024) + "\"}";

        using var answer = await SendAsync(HttpMethod.Post, "/v1/applications", Callers.Clerk(), body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("\"field\":\"request_id\"", answer.Json.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("REQUEST_TOO_LARGE", answer.Json.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheRoutes_AndCanBeBrowsed()
    {
        using var document = await SendAsync(HttpMethod.Get, "/openapi/v1.json", token: null);
        Assert.Equal(HttpStatusCode.OK, document.Status);
        var paths = document.Json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/applications", out _));
        Assert.True(paths.TryGetProperty("/v1/applications/{number}", out _));
        Assert.True(paths.TryGetProperty("/v1/public/progress:lookup", out _));

        var page = await _http.GetAsync(new Uri("/openapi/index.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OnlyTheTrustedPortal_MayCallFromABrowser()
    {
        Assert.Equal(GatewayFixture.PortalOrigin, await PreflightAsync(GatewayFixture.PortalOrigin));
        Assert.Null(await PreflightAsync("https://elsewhere.example.com"));
    }

    [Fact]
    public async Task AGrpcWebClient_OverHttp11_CallsGetApplication()
    {
        var identity = Identities.Next();
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(identity)))).Application.Number;
        using var channel = GrpcChannel.ForAddress(fixture.WebAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });

        var application = (await new P.ApplicationService.ApplicationServiceClient(channel)
            .GetApplicationAsync(new P.GetApplicationRequest { Number = number }, Callers.Bearer(Callers.Applicant(identity)))).Application;

        Assert.Equal(number, application.Number);
    }

    private async Task<string?> PreflightAsync(string origin)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/applications");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        using var answer = await _http.SendAsync(preflight);
        return answer.Headers.TryGetValues("Access-Control-Allow-Origin", out var allowed) ? allowed.Single() : null;
    }

    private async Task<Answer> SendAsync(HttpMethod method, string path, string? token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            request.Headers.ExpectContinue = true; // as curl sends it for large bodies
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", text.Length == 0 ? JsonDocument.Parse("{}") : JsonDocument.Parse(text));
    }

    // Transcoded server streams write one JSON object after another.
    private static async Task<JsonDocument> ReadJsonObjectAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var depth = 0;
        var inString = false;
        var buffer = new char[1];
        while (await reader.ReadAsync(buffer, cancellationToken) == 1)
        {
            var c = buffer[0];
            if (depth == 0 && c != '{')
            {
                continue;
            }

            text.Append(c);
            if (inString)
            {
                inString = c != '"' || text[^2] == '\\';
                continue;
            }

            inString = c == '"';
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0)
            {
                return JsonDocument.Parse(text.ToString());
            }
        }

        throw new EndOfStreamException("The stream ended before a JSON object");
    }

    private sealed record Answer(HttpStatusCode Status, string ContentType, JsonDocument Json) : IDisposable
    {
        public void Dispose() => Json.Dispose();
    }
}
