using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Loans.Application.Persistence;
using Loans.Tests.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Outbox;
using Platform.Testing;

namespace Loans.Tests.Api;

/// <summary>Documents through the real service: intake refusals, duplicates, download headers, extraction into the booking sheet, isolation.</summary>
public sealed class LoanDocumentApiTests
{
    private const string TermSheet = """
        INDICATIVE TERM SHEET

        Borrower: Harrowgate Freight Ltd
        Facility: Senior secured term loan
        Facility Amount: USD 40,000,000
        Interest Rate: Term SOFR plus 3.25% per annum
        Final Maturity Date: 15 September 2031
        Upfront Fee: 0.75% of the Facility Amount
        Financial Covenant: Total Net Leverage Ratio not to exceed 4.00x
        """;

    private static string _product = null!;

    [OneTimeSetUp]
    public async Task Product() => _product = await LoanRequests.CreateProductAsync();

    [Test]
    public async Task Upload_IsExtracted_IntoTheBookingSheet_AndCorrectionsAreAudited()
    {
        using var officer = LoansService.Factory.Officer(out var officerId);
        var booking = await officer.CreateBookingAsync(_product);
        var uploaded = await officer.UploadAsync(booking, Encoding.UTF8.GetBytes(TermSheet), "harrowgate terms.txt");
        Assert.That(uploaded.StatusCode, Is.EqualTo(HttpStatusCode.Created), await uploaded.Content.ReadAsStringAsync());
        var document = await uploaded.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(document.GetProperty("contentType").GetString(), Does.StartWith("text/plain"));
            Assert.That(document.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TermSheet)))));
            Assert.That(document.GetProperty("extractionStatus").GetString(), Is.EqualTo("pending"));
        });

        var extraction = await WaitForExtractionAsync(officer, booking.Id(), document.Id());
        Assert.That(extraction.GetProperty("status").GetString(), Is.EqualTo("extracted"), extraction.ToString());
        var values = extraction.GetProperty("values").EnumerateArray().ToLookup(v => v.GetProperty("field").GetString()!, v => v);
        Assert.Multiple(() =>
        {
            Assert.That(values["borrower"].Select(v => v.GetProperty("value").GetString()), Does.Contain("Harrowgate Freight Ltd"));
            Assert.That(values["principal"].Select(v => v.GetProperty("value").GetString()), Does.Contain("40000000.00"));
            Assert.That(values["borrower"].First().GetProperty("snippet").GetString(), Does.Contain("Harrowgate"));
            Assert.That(values["borrower"].First().GetProperty("confidence").GetDecimal(), Is.InRange(0.01m, 1m));
        });

        var sheetResponse = await officer.GetAsync($"/api/v1/loan-bookings/{booking.Id()}/booking-sheet");
        var sheet = await sheetResponse.ReadJsonAsync();
        var borrower = sheet.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "borrower");
        Assert.Multiple(() =>
        {
            Assert.That(borrower.GetProperty("values")[0].GetString(), Is.EqualTo("Harrowgate Freight Ltd"));
            Assert.That(borrower.GetProperty("source").GetString(), Is.EqualTo("extraction"));
            Assert.That(borrower.GetProperty("documentId").GetString(), Is.EqualTo(document.Id()));
        });

        var path = $"/api/v1/loan-bookings/{booking.Id()}/booking-sheet";
        await (await officer.SendAsync(HttpMethod.Put, path, null, new Dictionary<string, string[]> { ["borrower"] = ["Harrowgate Freight Limited"] }))
            .AssertProblemAsync((HttpStatusCode)428, "booking_sheet.version_required");
        await (await officer.SendAsync(HttpMethod.Put, path, sheetResponse.Headers.ETag!.Tag, new Dictionary<string, string[]> { ["principal"] = ["forty million"] }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var corrected = await (await officer.SendAsync(HttpMethod.Put, path, sheetResponse.Headers.ETag!.Tag,
            new Dictionary<string, string[]> { ["borrower"] = ["Harrowgate Freight Limited"], ["fee"] = ["upfront:75bps", "agency:25000.00"] })).ReadJsonAsync();
        var correction = corrected.GetProperty("corrections").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "borrower");
        Assert.Multiple(() =>
        {
            Assert.That(correction.GetProperty("before")[0].GetString(), Is.EqualTo("Harrowgate Freight Ltd"));
            Assert.That(correction.GetProperty("after")[0].GetString(), Is.EqualTo("Harrowgate Freight Limited"));
            Assert.That(correction.GetProperty("correctedBy").GetGuid(), Is.EqualTo(officerId));
        });
        await (await officer.SendAsync(HttpMethod.Put, path, sheetResponse.Headers.ETag!.Tag, new Dictionary<string, string[]> { ["borrower"] = ["Stale"] }))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "booking_sheet.stale");

        Assert.That(await EventTypesAsync(Guid.Parse(document.Id())), Is.EqualTo(new[] { "LoanDocumentExtracted" }));
    }

    [Test]
    public async Task SameContentTwice_IsOneDocument()
    {
        using var officer = LoansService.Factory.Officer(out _);
        var booking = await officer.CreateBookingAsync(_product);
        var content = DocumentSamples.Pdf();
        var first = await (await officer.UploadAsync(booking, content, "signed.pdf")).ReadJsonAsync();
        var again = await officer.UploadAsync(booking, content, "signed copy.pdf");

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await again.ReadJsonAsync()).Id(), Is.EqualTo(first.Id()));
        Assert.That(again.Content.Headers.ContentLocation?.ToString() ?? again.Headers.GetValues("Content-Location").Single(), Does.EndWith(first.Id()));
        var list = await (await officer.GetAsync($"/api/v1/loan-bookings/{booking.Id()}/documents")).ReadJsonAsync();
        Assert.That(list.GetArrayLength(), Is.EqualTo(1));
    }

    [TestCase("MZ", "report.pdf", "document.executable")]
    [TestCase("ELF", "term-sheet.docx", "document.executable")]
    [TestCase("SCRIPT", "notes.txt", "document.executable")]
    [TestCase("MACRO", "agreement.docx", "document.macros")]
    [TestCase("POLYGLOT", "scan.png", "document.polyglot")]
    [TestCase("XLSX", "terms.docx", "document.unsupported_type")]
    [TestCase("GIF", "logo.gif", "document.unsupported_type")]
    public async Task DisguisedOrDangerousContent_Is415_WhateverTheName(string kind, string fileName, string errorCode)
    {
        using var officer = LoansService.Factory.Officer(out _);
        var booking = await officer.CreateBookingAsync(_product);
        byte[] content = kind switch
        {
            "MZ" => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0],
            "ELF" => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0],
            "SCRIPT" => Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf /\n"),
            "MACRO" => DocumentSamples.Docx(extraParts: new Dictionary<string, byte[]> { ["word/vbaProject.bin"] = [1, 2, 3] }),
            "POLYGLOT" => DocumentSamples.Concat(DocumentSamples.Png(), DocumentSamples.Zip(new Dictionary<string, byte[]> { ["payload.exe"] = [0x4D, 0x5A] })),
            "XLSX" => DocumentSamples.Xlsx(),
            _ => Encoding.ASCII.GetBytes("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        };

        var response = await officer.UploadAsync(booking, content, fileName);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, errorCode);
        var list = await (await officer.GetAsync($"/api/v1/loan-bookings/{booking.Id()}/documents")).ReadJsonAsync();
        Assert.That(list.GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task FileNames_LoseTheirPath_AndControlCharactersAreRefused()
    {
        using var officer = LoansService.Factory.Officer(out _);
        var booking = await officer.CreateBookingAsync(_product);
        var traversal = await (await officer.UploadAsync(booking, DocumentSamples.Pdf("<< /Type /Metadata >>"), "../../etc/passwd.pdf")).ReadJsonAsync();
        Assert.That(traversal.GetProperty("fileName").GetString(), Is.EqualTo("passwd.pdf"));

        var download = await officer.GetAsync($"/api/v1/loan-bookings/{booking.Id()}/documents/{traversal.Id()}/content");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.Multiple(() =>
        {
            Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(download.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
            Assert.That(download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition!.FileName, Does.Contain("passwd.pdf"));
            Assert.That(download.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        });
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(DocumentSamples.Pdf("<< /Type /Metadata >>")));

        var withControl = await officer.UploadAsync(booking, DocumentSamples.Pdf("<< /Type /Other >>"), "terms\u0007.pdf");
        await withControl.AssertProblemAsync(HttpStatusCode.BadRequest, "document.file_name_invalid");
        var bidi = await officer.UploadAsync(booking, DocumentSamples.Pdf("<< /Type /Third >>"), "\u202Efdp.exe");
        await bidi.AssertProblemAsync(HttpStatusCode.BadRequest, "document.file_name_invalid");
    }

    [Test]
    public async Task Documents_FollowTheBookingsVisibility()
    {
        using var owner = LoansService.Factory.Officer(out _);
        using var other = LoansService.Factory.Officer(out _);
        using var reviewer = LoansService.Factory.Reviewer(out _);
        var booking = await owner.CreateBookingAsync(_product);
        var document = await (await owner.UploadAsync(booking, Encoding.UTF8.GetBytes("Borrower: Visibility Test Corp\n"), "v.txt")).ReadJsonAsync();
        var base_ = $"/api/v1/loan-bookings/{booking.Id()}";

        await (await other.GetAsync($"{base_}/documents")).AssertProblemAsync(HttpStatusCode.NotFound, "loan_booking.not_found");
        await (await other.GetAsync($"{base_}/documents/{document.Id()}/content")).AssertProblemAsync(HttpStatusCode.NotFound, "loan_booking.not_found");
        await (await other.GetAsync($"{base_}/booking-sheet")).AssertProblemAsync(HttpStatusCode.NotFound, "loan_booking.not_found");
        await (await other.UploadAsync(booking, DocumentSamples.Pdf(), "x.pdf")).AssertProblemAsync(HttpStatusCode.NotFound, "loan_booking.not_found");
        await (await other.DeleteAsync($"{base_}/documents/{document.Id()}")).AssertProblemAsync(HttpStatusCode.NotFound, "loan_booking.not_found");

        Assert.That((await reviewer.GetAsync($"{base_}/documents/{document.Id()}/extraction")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await (await reviewer.UploadAsync(booking, DocumentSamples.Pdf(), "x.pdf")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.GetAsync($"{base_}/documents/{Guid.NewGuid()}/extraction")).AssertProblemAsync(HttpStatusCode.NotFound, "document.not_found");

        Assert.That((await owner.DeleteAsync($"{base_}/documents/{document.Id()}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await owner.GetAsync($"{base_}/documents/{document.Id()}/content")).AssertProblemAsync(HttpStatusCode.NotFound, "document.not_found");
    }

    [Test]
    public async Task OversizedOrMalformedUploads_AreRefusedWithProblems()
    {
        using var officer = LoansService.Factory.Officer(out _);
        var booking = await officer.CreateBookingAsync(_product);
        var tooLarge = await officer.UploadAsync(booking, new byte[(20 * 1024 * 1024) + 1], "big.pdf");
        Assert.That((int)tooLarge.StatusCode, Is.EqualTo(413), await tooLarge.Content.ReadAsStringAsync());

        using var notMultipart = new ByteArrayContent(DocumentSamples.Pdf());
        notMultipart.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var raw = await officer.PostAsync($"/api/v1/loan-bookings/{booking.Id()}/documents", notMultipart);
        await raw.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var empty = await officer.UploadAsync(booking, [], "empty.pdf");
        await empty.AssertProblemAsync(HttpStatusCode.BadRequest, "document.empty");
    }

    private static async Task<JsonElement> WaitForExtractionAsync(HttpClient client, string bookingId, string documentId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var extraction = await (await client.GetAsync($"/api/v1/loan-bookings/{bookingId}/documents/{documentId}/extraction")).ReadJsonAsync();
            if (extraction.GetProperty("status").GetString() != "pending" || DateTime.UtcNow > deadline)
            {
                return extraction;
            }

            await Task.Delay(200);
        }
    }

    private static async Task<string[]> EventTypesAsync(Guid aggregateId)
    {
        await using var scope = LoansService.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoansDb>();
        var types = await db.Set<OutboxMessage>().Where(m => m.AggregateId == aggregateId).OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync();
        return [.. types.Select(type => type.Split(',')[0].Split('.')[^1])];
    }
}

internal static class DocumentUploads
{
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, JsonElement booking, byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        // What the client claims is ignored: the service reads the bytes.
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file");
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        return client.PostAsync($"/api/v1/loan-bookings/{booking.Id()}/documents", form);
    }
}
