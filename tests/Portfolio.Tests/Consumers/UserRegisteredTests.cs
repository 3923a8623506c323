using System.Net;
using Microsoft.EntityFrameworkCore;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Consumers;

/// <summary>Every registered user gets exactly one default portfolio, from identity's UserRegistered on the real broker.</summary>
public sealed class UserRegisteredTests
{
    [Test]
    public async Task UserRegistered_GivesTheUserADefaultPortfolioInUsd()
    {
        using var user = Factory.Analyst(out var userId);

        await PublishAndWaitAppliedAsync(Registered(userId, "Grace Hopper"));

        var defaults = await DefaultsOfAsync(user);
        Assert.That(defaults, Has.Count.EqualTo(1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(defaults[0].Str("ownerId"), Is.EqualTo(userId.ToString()));
            Assert.That(defaults[0].Str("baseCurrency"), Is.EqualTo("USD"));
            Assert.That(defaults[0].Str("name"), Does.Contain("Grace Hopper"));
        }
    }

    [Test]
    public async Task UserRegistered_TwiceWithTwoMessageIds_StillGivesExactlyOneDefault()
    {
        using var user = Factory.Analyst(out var userId);

        await PublishAndWaitAppliedAsync(Registered(userId));
        await PublishAndWaitAppliedAsync(Registered(userId));

        Assert.That(await DefaultsOfAsync(user), Has.Count.EqualTo(1));
        var stored = await Factory.WithDbAsync(db => db.Portfolios.IgnoreQueryFilters().CountAsync(p => p.OwnerId == userId && p.IsDefault));
        Assert.That(stored, Is.EqualTo(1));
    }

    [Test]
    public async Task UserRegistered_WithAVeryLongDisplayName_StillGivesAValidDefault()
    {
        using var user = Factory.Analyst(out var userId);

        await PublishAndWaitAppliedAsync(Registered(userId, new string('G', 300)));

        var defaults = await DefaultsOfAsync(user);
        Assert.That(defaults, Has.Count.EqualTo(1));
        Assert.That(defaults[0].Str("name").Length, Is.LessThanOrEqualTo(100));
    }

    [Test]
    public async Task DefaultPortfolio_CannotBeDeleted_ButCanBeRenamed()
    {
        using var user = Factory.Analyst(out var userId);
        await PublishAndWaitAppliedAsync(Registered(userId));
        var standard = (await DefaultsOfAsync(user)).Single();
        var path = $"/api/v1/portfolios/{standard.Id()}";

        using var deleted = await user.DeleteAsync(path);

        await deleted.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "portfolio.default");
        var etag = await user.ETagOfAsync(standard.Id());
        using var renamed = await user.SendAsync(HttpMethod.Put, path, etag, NewPortfolio(p => p["name"] = "Main book"));
        var after = await renamed.ReadJsonAsync();
        Assert.That(after.GetProperty("isDefault").GetBoolean(), Is.True);
        Assert.That(after.Str("name"), Is.EqualTo("Main book"));
    }
}
