using Deals.Domain;
using Platform.SharedKernel;

namespace Deals.Tests.Domain;

internal static class DealTestData
{
    public static readonly DateTimeOffset Now = new(2026, 7, 1, 9, 30, 0, TimeSpan.Zero);

    public static readonly Actor Owner = Actor.Of(Guid.NewGuid(), PlatformRoles.Analyst);
    public static readonly Actor OtherAnalyst = Actor.Of(Guid.NewGuid(), PlatformRoles.Analyst);
    public static readonly Actor Reviewer = Actor.Of(Guid.NewGuid(), PlatformRoles.Reviewer);
    public static readonly Actor Admin = Actor.Of(Guid.NewGuid(), PlatformRoles.Admin);

    public static DealTerms Terms() => new()
    {
        Name = "Acme acquires Widget",
        Type = DealType.Acquisition,
        TargetName = "Widget Inc.",
        TargetTicker = "wdgt",
        TargetExchange = "nyse",
        TargetCountry = "us",
        AcquirerName = "Acme Corp",
        AcquirerTicker = "ACME",
        AnnouncedOn = new DateOnly(2026, 3, 2),
        ExpectedCloseOn = new DateOnly(2026, 12, 31),
        DealValue = 1_250_000_000m,
        Currency = "usd",
        Consideration = ConsiderationType.Cash,
        OfferPricePerShare = 52.50m,
        CurrentTargetPrice = 50m,
        PricesAsOf = new DateOnly(2026, 6, 30),
        ProbabilityOfClose = 0.85m,
        Tags = ["Arb", "arb", " industrials "],
    };

    public static Deal NewDeal(DealTerms? terms = null, Actor? owner = null)
    {
        var created = Deal.Create(terms ?? Terms(), owner ?? Owner, Now);
        Assert.That(created.IsSuccess, Is.True, created.Error?.ToString());
        return created.Value;
    }

    public static Deal PendingDeal()
    {
        var deal = NewDeal();
        Assert.That(deal.Submit(Owner, Now).IsSuccess, Is.True);
        return deal;
    }
}
