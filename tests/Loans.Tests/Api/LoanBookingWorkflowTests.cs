using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Loans.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Outbox;
using Platform.SharedKernel;

namespace Loans.Tests.Api;

/// <summary>Maker-checker on real PostgreSQL: who may approve which version, and what each decision publishes.</summary>
public sealed class LoanBookingWorkflowTests
{
    private static string _product = null!;

    [OneTimeSetUp]
    public async Task Product() => _product = await LoanRequests.CreateProductAsync();

    [Test]
    public async Task Officer_CreatesDraft_WithNumberTermAndETag()
    {
        using var officer = LoansService.Factory.Officer(out var officerId);
        var response = await officer.PostAsJsonAsync("/api/v1/loan-bookings", LoanRequests.NewBooking(_product));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var booking = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/loan-bookings/{booking.Id()}"));
            Assert.That(response.Headers.ETag!.Tag, Is.EqualTo(booking.ETag()));
            Assert.That(booking.GetProperty("reference").GetString(), Does.Match("^LB-[0-9]{6,}$"));
            Assert.That(booking.GetProperty("status").GetString(), Is.EqualTo("draft"));
            Assert.That(booking.GetProperty("termMonths").GetInt32(), Is.EqualTo(60));
            Assert.That(booking.GetProperty("principal").GetDecimal(), Is.EqualTo(25_000_000.00m));
            Assert.That(booking.GetProperty("officerId").GetGuid(), Is.EqualTo(officerId));
            Assert.That(booking.GetProperty("fees").GetArrayLength(), Is.EqualTo(2));
            Assert.That(booking.GetProperty("benchmark").GetString(), Is.EqualTo("sofr"));
        });
    }

    [Test]
    public async Task ApprovalFlow_SubmitApproveBook_PublishesEachDecision()
    {
        using var officer = LoansService.Factory.Officer(out _);
        using var reviewer = LoansService.Factory.Reviewer(out var reviewerId);
        var booking = await officer.SubmitAsync(await officer.CreateBookingAsync(_product));
        Assert.That(booking.GetProperty("status").GetString(), Is.EqualTo("submitted"));

        var approved = await (await reviewer.SendAsync(HttpMethod.Post, $"/api/v1/loan-bookings/{booking.Id()}/approve", booking.ETag(), new { comment = "Within appetite." })).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(approved.GetProperty("status").GetString(), Is.EqualTo("approved"));
            Assert.That(approved.GetProperty("decidedBy").GetGuid(), Is.EqualTo(reviewerId));
            Assert.That(approved.GetProperty("decisionComment").GetString(), Is.EqualTo("Within appetite."));
        });

        var booked = await (await officer.SendAsync(HttpMethod.Post, $"/api/v1/loan-bookings/{booking.Id()}/book", approved.ETag())).ReadJsonAsync();
        Assert.That(booked.GetProperty("status").GetString(), Is.EqualTo("booked"));

        var locked = await officer.SendAsync(HttpMethod.Put, $"/api/v1/loan-bookings/{booking.Id()}", booked.ETag(), LoanRequests.NewBooking(_product));
        await locked.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "loan_booking.locked");

        Assert.That(await EventTypesAsync(Guid.Parse(booking.Id())), Is.EqualTo(new[] { "LoanBookingSubmitted", "LoanBookingApproved", "LoanBookingBooked" }));
    }

    [Test]
    public async Task FourEyes_NeitherOfficerNorEditingAdmin_MayDecide()
    {
        using var officer = LoansService.Factory.ClientFor(out _, PlatformRoles.LoanOfficer, PlatformRoles.Reviewer);
        using var admin = LoansService.Factory.Admin(out _);
        var draft = await officer.CreateBookingAsync(_product);
        var submitted = await officer.SubmitAsync(draft);

        var own = await officer.SendAsync(HttpMethod.Post, $"/api/v1/loan-bookings/{submitted.Id()}/approve", submitted.ETag());
        await own.AssertProblemAsync(HttpStatusCode.Forbidden, "loan_booking.four_eyes");

        // An admin who changes the terms after submission becomes an author: approving is then someone else's job.
        var edited = await (await admin.SendAsync(HttpMethod.Put, $"/api/v1/loan-bookings/{submitted.Id()}", submitted.ETag(),
            LoanRequests.NewBooking(_product, b => b["marginBps"] = 300))).ReadJsonAsync();
        Assert.That(edited.GetProperty("status").GetString(), Is.EqualTo("submitted"));
        var byEditor = await admin.SendAsync(HttpMethod.Post, $"/api/v1/loan-bookings/{edited.Id()}/approve", edited.ETag());
        await byEditor.AssertProblemAsync(HttpStatusCode.Forbidden, "loan_booking.four_eyes");
        var rejectByEditor = await admin.SendAsync(HttpMethod.Post, $"/api/v1/loan-bookings/{edited.Id()}/reject", edited.ETag(), new { comment = "No." });
        await rejectByEditor.AssertProblemAsync(HttpStatusCode.Forbidden, "loan_booking.four_eyes");
    }

    [Test]
    public async Task Approval_BindsToTheVersionRead()
    {
        using var officer = LoansService.Factory.Officer(out _);
        using var reviewer = LoansService.Factory.Reviewer(out _);
        var submitted = await officer.SubmitAsync(await officer.CreateBookingAsync(_product));
        var path = $"/api/v1/loan-bookings/{submitted.Id()}/approve";

        await (await reviewer.SendAsync(HttpMethod.Post, path, null)).AssertProblemAsync((HttpStatusCode)428, "loan_booking.version_required");
        await (await reviewer.SendAsync(HttpMethod.Post, path, "*")).AssertProblemAsync((HttpStatusCode)428, "loan_booking.version_required");

        // The officer changes the margin while the reviewer reads the old terms: the old ETag no longer approves anything.
        var changed = await (await officer.SendAsync(HttpMethod.Put, $"/api/v1/loan-bookings/{submitted.Id()}", submitted.ETag(),
            LoanRequests.NewBooking(_product, b => b["marginBps"] = 325))).ReadJsonAsync();
        await (await reviewer.SendAsync(HttpMethod.Post, path, submitted.ETag())).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "loan_booking.stale");

        var approved = await (await reviewer.SendAsync(HttpMethod.Post, path, changed.ETag())).ReadJsonAsync();
        Assert.That(approved.GetProperty("marginBps").GetInt32(), Is.EqualTo(325));
    }

    [Test]
    public async Task Rejection_NeedsAComment_AndAnEditReturnsToDraft()
    {
        using var officer = LoansService.Factory.Officer(out _);
        using var reviewer = LoansService.Factory.Reviewer(out _);
        var submitted = await officer.SubmitAsync(await officer.CreateBookingAsync(_product));
        var path = $"/api/v1/loan-bookings/{submitted.Id()}/reject";

        await (await reviewer.SendAsync(HttpMethod.Post, path, submitted.ETag(), new { comment = "  " })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "loan_booking.comment_required");
        var rejected = await (await reviewer.SendAsync(HttpMethod.Post, path, submitted.ETag(), new { comment = "Covenant package too light." })).ReadJsonAsync();
        Assert.That(rejected.GetProperty("status").GetString(), Is.EqualTo("rejected"));

        var approveRejected = await reviewer.SendAsync(HttpMethod.Post, $"/api/v1/loan-bookings/{submitted.Id()}/approve", rejected.ETag());
        await approveRejected.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "loan_booking.not_submitted");

        var redrafted = await (await officer.SendAsync(HttpMethod.Put, $"/api/v1/loan-bookings/{submitted.Id()}", rejected.ETag(),
            LoanRequests.NewBooking(_product, b => b["covenants"] = new object[] { new { kind = "maxLeverage", value = 3.0m }, new { kind = "minInterestCoverage", value = 3.0m } }))).ReadJsonAsync();
        Assert.That(redrafted.GetProperty("status").GetString(), Is.EqualTo("draft"));
        Assert.That(await EventTypesAsync(Guid.Parse(submitted.Id())), Is.EqualTo(new[] { "LoanBookingSubmitted", "LoanBookingRejected" }));
    }

    [Test]
    public async Task OtherOfficersBookings_DoNotExistForThem_WhileReviewersSeeAll()
    {
        using var owner = LoansService.Factory.Officer(out _);
        using var other = LoansService.Factory.Officer(out _);
        using var reviewer = LoansService.Factory.Reviewer(out _);
        using var analyst = LoansService.Factory.ClientFor(out _, PlatformRoles.Analyst);
        var booking = await owner.CreateBookingAsync(_product, b => b["borrower"] = "Zephyrine Holdings Plc");
        var path = $"/api/v1/loan-bookings/{booking.Id()}";

        await (await other.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound, "loan_booking.not_found");
        await (await other.SendAsync(HttpMethod.Put, path, booking.ETag(), LoanRequests.NewBooking(_product))).AssertProblemAsync(HttpStatusCode.NotFound, "loan_booking.not_found");
        await (await other.SendAsync(HttpMethod.Delete, path, null)).AssertProblemAsync(HttpStatusCode.NotFound, "loan_booking.not_found");
        await (await other.SendAsync(HttpMethod.Post, path + "/submit", null)).AssertProblemAsync(HttpStatusCode.NotFound, "loan_booking.not_found");
        var otherList = await (await other.GetAsync("/api/v1/loan-bookings?borrower=zephyrine")).ReadJsonAsync();
        Assert.That(otherList.GetProperty("totalCount").GetInt64(), Is.Zero);

        Assert.That((await reviewer.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var reviewerList = await (await reviewer.GetAsync($"/api/v1/loan-bookings?borrower=zephyrine%20hold&officerId={booking.GetProperty("officerId").GetGuid()}")).ReadJsonAsync();
        Assert.That(reviewerList.GetProperty("items").EnumerateArray().Select(b => b.Id()), Does.Contain(booking.Id()));
        Assert.That((await analyst.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await reviewer.PostAsJsonAsync("/api/v1/loan-bookings", LoanRequests.NewBooking(_product))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Create_WithIdempotencyKey_BooksOnce()
    {
        using var officer = LoansService.Factory.Officer(out _);
        var key = Guid.NewGuid().ToString();
        var body = LoanRequests.NewBooking(_product, b => b["borrower"] = "Idempotent Borrower " + key[..8]);

        async Task<HttpResponseMessage> Post(object content)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/loan-bookings") { Content = JsonContent.Create(content) };
            request.Headers.Add("Idempotency-Key", key);
            return await officer.SendAsync(request);
        }

        var first = await (await Post(body)).ReadJsonAsync();
        var replay = await Post(body);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await replay.ReadJsonAsync()).Id(), Is.EqualTo(first.Id()));

        body["principal"] = 1m;
        await (await Post(body)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var list = await (await officer.GetAsync("/api/v1/loan-bookings?borrower=" + Uri.EscapeDataString("Idempotent Borrower " + key[..8]))).ReadJsonAsync();
        Assert.That(list.GetProperty("totalCount").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task Terms_OutsideTheProductOrInconsistent_AreFieldErrors()
    {
        using var officer = LoansService.Factory.Officer(out _);
        var cases = new (Action<Dictionary<string, object?>> Change, string Field)[]
        {
            (b => b["currency"] = "EUR", "currency"),
            (b => b["marginBps"] = 900, "marginBps"),
            (b => b["maturityDate"] = "2026-09-30", "maturityDate"),
            (b => b["maturityDate"] = "2026-01-01", "maturityDate"),
            (b => b["productCode"] = "NO-SUCH-PRODUCT", "productCode"),
            (b => { b["rateType"] = "fixed"; b["fixedRatePercent"] = 5m; b["benchmark"] = null; b["marginBps"] = null; }, "rateType"),
            (b => b["fixedRatePercent"] = 5m, "fixedRatePercent"),
            (b => b["benchmark"] = null, "benchmark"),
            (b => b["principal"] = 0.001m, "principal"),
            (b => b["principal"] = 2_000_000_000_000m, "principal"),
            (b => b["borrower"] = "", "borrower"),
            (b => b["startDate"] = null, "startDate"),
            (b => b["fees"] = new object[] { new { kind = "upfront", bps = 50, amount = 10m } }, "fees[0]"),
        };

        foreach (var (change, field) in cases)
        {
            var response = await officer.PostAsJsonAsync("/api/v1/loan-bookings", LoanRequests.NewBooking(_product, change));
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"{field}: {text}");
        }
    }

    [Test]
    public async Task List_RefusesBadPagingSortAndStatus()
    {
        using var reviewer = LoansService.Factory.Reviewer(out _);
        foreach (var query in new[] { "page=0", "pageSize=201", "page=2147483647&pageSize=200", "sort=password", "status=pending" })
        {
            var response = await reviewer.GetAsync("/api/v1/loan-bookings?" + query);
            Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.BadRequest, HttpStatusCode.OK), query);
            if (query != "page=2147483647&pageSize=200")
            {
                await response.AssertProblemAsync(HttpStatusCode.BadRequest);
            }
        }
    }

    [Test]
    public async Task ListTotals_FollowEveryWrite_ThoughTheyAreCached()
    {
        using var officer = LoansService.Factory.Officer(out _);
        using var reviewer = LoansService.Factory.Reviewer(out _);
        var borrower = "Counted Borrower " + Guid.NewGuid().ToString("N")[..8];
        async Task<long> TotalAsync(HttpClient client, string query) =>
            (await (await client.GetAsync("/api/v1/loan-bookings?" + query)).ReadJsonAsync()).GetProperty("totalCount").GetInt64();

        var query = "borrower=" + Uri.EscapeDataString(borrower);
        Assert.That(await TotalAsync(reviewer, query), Is.Zero);
        var booking = await officer.CreateBookingAsync(_product, b => b["borrower"] = borrower);
        Assert.That(await TotalAsync(reviewer, query), Is.EqualTo(1));
        Assert.That(await TotalAsync(officer, query), Is.EqualTo(1));
        Assert.That(await TotalAsync(reviewer, query + "&status=submitted"), Is.Zero);

        await officer.SubmitAsync(booking);
        Assert.That(await TotalAsync(reviewer, query + "&status=submitted"), Is.EqualTo(1));
        Assert.That(await TotalAsync(reviewer, query + "&status=draft"), Is.Zero);

        using var otherOfficer = LoansService.Factory.Officer(out _);
        Assert.That(await TotalAsync(otherOfficer, query), Is.Zero, "the same filter, cached for a reviewer, is still scoped for an officer");
        Assert.That((await officer.DeleteAsync($"/api/v1/loan-bookings/{booking.Id()}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await TotalAsync(reviewer, query), Is.Zero);
    }

    private static async Task<string[]> EventTypesAsync(Guid bookingId)
    {
        await using var scope = LoansService.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoansDb>();
        var types = await db.Set<OutboxMessage>().Where(m => m.AggregateId == bookingId).OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync();
        return [.. types.Select(type => type.Split(',')[0].Split('.')[^1])];
    }
}
