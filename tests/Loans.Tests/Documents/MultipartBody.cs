using System.Text;
using Microsoft.AspNetCore.Http;

namespace Loans.Tests.Documents;

/// <summary>A multipart/form-data request body written by hand, as a browser or HTTP client would send it.</summary>
internal sealed class MultipartBody
{
    public const string Boundary = "----LoansTestBoundary7MA4YWxkTrZu0gW";

    private readonly MemoryStream _body = new();

    public MultipartBody File(byte[] content, string dispositionFileName = "filename=\"agreement.pdf\"", string name = "file")
    {
        Write($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; {dispositionFileName}\r\nContent-Type: application/pdf\r\n\r\n");
        _body.Write(content);
        Write("\r\n");
        return this;
    }

    public MultipartBody Field(string name, string value)
    {
        Write($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        return this;
    }

    /// <summary>The body without its closing boundary, as from a client that stopped mid-upload.</summary>
    public byte[] Unterminated() => _body.ToArray();

    public byte[] Complete()
    {
        Write($"--{Boundary}--\r\n");
        return _body.ToArray();
    }

    public static HttpRequest Request(byte[] body, string contentType = $"multipart/form-data; boundary={Boundary}") =>
        Request(new MemoryStream(body, writable: false), contentType);

    public static HttpRequest Request(Stream body, string contentType = $"multipart/form-data; boundary={Boundary}")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.Body = body;
        return context.Request;
    }

    private void Write(string text) => _body.Write(Encoding.UTF8.GetBytes(text));
}
