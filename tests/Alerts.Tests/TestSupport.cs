using System.Net;
using System.Text.Json;
using Alerts.Application.Persistence;
using Alerts.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Deals;
using Platform.Contracts.Identity;
using Platform.SharedKernel;
using Platform.Testing;

namespace Alerts.Tests;

/// <summary>Events, polling and JSON helpers shared by the API tests.</summary>
public static class TestSupport
{
    public static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    public static AlertsApiFactory Factory => AlertsService.Factory;

    /// <summary>The items of a list response.</summary>
    public static List<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    /// <summary>
    /// Polls <paramref name="read"/> until <paramref name="done"/> holds (events travel through the
    /// broker), then returns the last value; fails with <paramref name="what"/> after the timeout.
    /// </summary>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        Polling.UntilAsync(read, done, what, timeout ?? EventTimeout, TimeSpan.FromMilliseconds(100));

    /// <summary>The caller's alerts (all statuses) about one subject: other tests' events never match it.</summary>
    public static async Task<List<JsonElement>> AlertsAboutAsync(this HttpClient client, string subjectId)
    {
        var page = await client.GetJsonAsync("/api/v1/alerts?status=all&pageSize=200");
        return page.Items().Where(a => a.Str("subjectId") == subjectId).ToList();
    }

    /// <summary>Waits until the caller has <paramref name="count"/> alerts about the subject.</summary>
    public static Task<List<JsonElement>> WaitForAlertsAboutAsync(this HttpClient client, string subjectId, int count = 1) =>
        EventuallyAsync(() => client.AlertsAboutAsync(subjectId), alerts => alerts.Count >= count, $"{count} alert(s) about {subjectId}");

    public static UserRegistered Registered(Guid userId, params string[] roles) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, userId, $"{userId:N}@alerts.test", $"User {userId:N}"[..13], roles);

    /// <summary>Registers reviewers and waits until the recipients projection has them all.</summary>
    public static async Task RegisterReviewersAsync(params Guid[] reviewers)
    {
        foreach (var reviewer in reviewers)
        {
            await Factory.PublishAsync(Registered(reviewer, PlatformRoles.Reviewer));
        }

        foreach (var reviewer in reviewers)
        {
            await WaitForRecipientAsync(reviewer, r => r.Active && r.Roles.Contains(PlatformRoles.Reviewer), "reviewer registered");
        }
    }

    /// <summary>Waits until the recipients projection shows the user in the expected state (events of different types travel different queues).</summary>
    public static Task<Recipient?> WaitForRecipientAsync(Guid userId, Func<Recipient, bool> state, string what) =>
        EventuallyAsync(
            async () =>
            {
                await using var scope = Factory.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<AlertsDb>().Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId);
            },
            recipient => recipient is not null && state(recipient),
            $"{what}: {userId}");

    public static DealSubmittedForReview Submitted(Guid dealId, Guid ownerId, Guid? submittedBy = null) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, dealId, $"Deal {dealId:N}"[..13], ownerId, submittedBy ?? ownerId);

    public static async Task ExpectStatusAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
    }
}
