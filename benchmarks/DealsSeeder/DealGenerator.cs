using Deals.Domain;

namespace DealsSeeder;

/// <summary>One row of <c>deals.deals</c>: the terms (normalized and valid) plus the state the aggregate owns.</summary>
internal sealed record SeedDeal(
    Guid Id,
    DealTerms Terms,
    decimal? Spread,
    decimal? AnnualizedReturn,
    ReviewStatus ReviewStatus,
    Guid OwnerId,
    DateTimeOffset? SubmittedAt,
    Guid? ReviewerId,
    DateTimeOffset? ReviewedAt,
    string? ReviewComment,
    DateTimeOffset? DeletedAt,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);

/// <summary>
/// Deterministic deals: the same seed, count and reference date always give the same rows, ids included.
/// Rows come out in announcement order (so roughly in creation order, as a real table fills up).
/// </summary>
internal sealed class DealGenerator
{
    /// <summary><c>created_by</c> of every generated row: how <c>--truncate</c> finds them again.</summary>
    public const string Marker = "deals-seeder";

    private const int Years = 10;
    private const int CompanyCount = 300;

    private static readonly (DealType Type, double Weight)[] TypeWeights =
    [
        (DealType.Acquisition, 30), (DealType.Merger, 20), (DealType.TenderOffer, 10), (DealType.Ipo, 10),
        (DealType.FollowOn, 10), (DealType.DebtIssuance, 12), (DealType.SpinOff, 8),
    ];

    private static readonly (ReviewStatus Status, double Weight)[] StatusWeights =
    [
        (ReviewStatus.Draft, 40), (ReviewStatus.PendingReview, 20), (ReviewStatus.Approved, 30), (ReviewStatus.Rejected, 10),
    ];

    private readonly Random _random;
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    private readonly Company[] _companies;
    private readonly Guid[] _analysts;
    private readonly Guid[] _reviewers;
    private readonly double _deletedFraction;

    public DealGenerator(int seed, DateOnly today, double deletedFraction)
    {
        _random = new Random(seed);
        _today = today;
        _now = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        _deletedFraction = deletedFraction;
        _analysts = Enumerable.Range(0, 8).Select(_ => RandomGuid()).ToArray();
        _reviewers = Enumerable.Range(0, 3).Select(_ => RandomGuid()).ToArray();
        _companies = Companies();
    }

    public IReadOnlyList<Company> Universe => _companies;

    public IEnumerable<SeedDeal> Generate(int count)
    {
        // Announcement dates first, sorted, so ids (UUIDv7 of created_at) and physical order follow time.
        var first = _today.AddYears(-Years).DayNumber;
        var announced = new int[count];
        for (var i = 0; i < count; i++)
        {
            announced[i] = _random.Next(first, _today.DayNumber);
        }

        Array.Sort(announced);
        for (var i = 0; i < count; i++)
        {
            yield return Next(DateOnly.FromDayNumber(announced[i]));
        }
    }

    private SeedDeal Next(DateOnly announcedOn)
    {
        var type = Weighted(TypeWeights);
        var terms = DealRules.Normalize(Terms(type, announcedOn));
        if (DealRules.Validate(terms) is { Count: > 0 } errors)
        {
            throw new InvalidOperationException(
                $"Generated terms break the deal rules: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        }

        var (spread, annualized) = DealFigures.Derive(terms);

        var owner = Pick(_analysts);
        var announcedAt = new DateTimeOffset(announcedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var created = Clamp(announcedAt.AddDays(Skewed(0, 7)).AddSeconds(_random.Next(8 * 3600, 20 * 3600)), announcedAt);
        var status = Weighted(StatusWeights);
        DateTimeOffset? submitted = null, reviewed = null;
        Guid? reviewer = null;
        string? comment = null;
        DateTimeOffset updated;
        var updatedBy = owner.ToString();
        switch (status)
        {
            case ReviewStatus.Draft:
                // Drafts keep being edited: prices, notes.
                updated = Clamp(created.AddDays(Skewed(0, 400)).AddMinutes(_random.Next(0, 600)), created);
                break;
            case ReviewStatus.PendingReview:
                submitted = Clamp(created.AddDays(Skewed(0, 30)).AddMinutes(_random.Next(5, 600)), created);
                updated = submitted.Value;
                break;
            default:
                submitted = Clamp(created.AddDays(Skewed(0, 30)).AddMinutes(_random.Next(5, 600)), created);
                reviewed = Clamp(submitted.Value.AddDays(Skewed(0, 7)).AddMinutes(_random.Next(5, 600)), submitted.Value);
                reviewer = Pick(_reviewers);
                comment = status == ReviewStatus.Rejected ? Pick(Catalog.RejectionComments) : Chance(0.3) ? Pick(Catalog.ApprovalComments) : null;
                updated = reviewed.Value;
                updatedBy = reviewer.Value.ToString();
                break;
        }

        DateTimeOffset? deleted = null;
        if (Chance(_deletedFraction))
        {
            // A delete is the row's last change and stamps updated_at like any other.
            deleted = Clamp(updated.AddDays(Skewed(0, 60)).AddMinutes(_random.Next(1, 600)), updated);
            updated = deleted.Value;
            updatedBy = owner.ToString();
        }

        return new SeedDeal(
            UuidV7(created), terms, spread, annualized, status, owner, submitted, reviewer, reviewed, comment, deleted,
            created, Marker, updated, updatedBy);
    }

    private DealTerms Terms(DealType type, DateOnly announcedOn)
    {
        var target = Pick(_companies);
        var market = target.Market;
        var isMna = type is DealType.Merger or DealType.Acquisition or DealType.TenderOffer;
        var needsCounterparty = isMna || type == DealType.SpinOff;
        var acquirer = needsCounterparty ? Counterparty(target) : null;
        var crossBorder = acquirer is not null && acquirer.Market.Country != market.Country;

        var expectedClose = Chance(0.05) ? (DateOnly?)null : announcedOn.AddDays(type switch
        {
            DealType.Ipo or DealType.FollowOn => _random.Next(1, 31),
            DealType.DebtIssuance => _random.Next(3, 15),
            DealType.SpinOff => _random.Next(120, 400),
            _ => _random.Next(60, 541),
        });
        var (stage, actualClose) = Lifecycle(isMna || type == DealType.SpinOff, announcedOn, expectedClose);

        var usdValue = Math.Exp(Between(Math.Log(2e7), Math.Log(8e10)));
        decimal? dealValue = Chance(0.03) ? null : decimal.Round((decimal)usdValue * market.PerUsd / 1000m) * 1000m;

        // Prices, consideration and premium.
        var undisturbed = Price(target.PriceIn(market) * (decimal)Between(0.6, 1.6), market);
        var consideration = ConsiderationType.Cash;
        decimal? offerPrice = null, exchangeRatio = null, premium = null, targetPrice = null, acquirerPrice = null;
        switch (type)
        {
            case DealType.Merger or DealType.Acquisition or DealType.TenderOffer:
                consideration = type == DealType.TenderOffer
                    ? (Chance(0.9) ? ConsiderationType.Cash : ConsiderationType.Mixed)
                    : Weighted([(ConsiderationType.Cash, 50.0), (ConsiderationType.Stock, 25.0), (ConsiderationType.Mixed, 25.0)]);
                premium = decimal.Round((decimal)Between(5, 70), 2);
                var offer = undisturbed * (1m + premium.Value / 100m);
                var ownPrice = Price(acquirer!.PriceIn(market) * (decimal)Between(0.7, 1.4), market);
                var cashShare = consideration switch { ConsiderationType.Cash => 1m, ConsiderationType.Stock => 0m, _ => (decimal)Between(0.3, 0.7) };
                if (cashShare > 0m)
                {
                    offerPrice = Price(offer * cashShare, market);
                }

                if (cashShare < 1m)
                {
                    exchangeRatio = Math.Max(0.0001m, decimal.Round(offer * (1m - cashShare) / ownPrice, 4));
                }

                if (Chance(0.85))
                {
                    // The market's view: close to the offer while the deal is live, back to undisturbed when it broke.
                    acquirerPrice = exchangeRatio is not null || Chance(0.7) ? ownPrice : null;
                    var offerValue = (offerPrice ?? 0m) + ((exchangeRatio ?? 0m) * ownPrice);
                    targetPrice = stage is LifecycleStage.Terminated or LifecycleStage.Withdrawn
                        ? Price(undisturbed * (decimal)Between(0.85, 1.05), market)
                        : Price(offerValue * (1m - (decimal)Skewed(-0.02, 0.12)), market);
                }

                break;
            case DealType.Ipo:
                offerPrice = Price(undisturbed, market);
                targetPrice = Chance(0.5) ? Price(undisturbed * (decimal)Between(0.7, 1.6), market) : null;
                break;
            case DealType.FollowOn:
                premium = decimal.Round((decimal)Between(-12, -2), 2);
                targetPrice = Chance(0.7) ? undisturbed : null;
                offerPrice = Price(undisturbed * (1m + premium.Value / 100m), market);
                break;
            case DealType.SpinOff:
                consideration = ConsiderationType.Stock;
                exchangeRatio = decimal.Round((decimal)Between(0.1, 1.0), 4);
                break;
            default:
                break;
        }

        var lastSeen = DateOnly.FromDayNumber(Math.Min(_today.DayNumber - 1, announcedOn.DayNumber + _random.Next(0, 120)));
        DateOnly? pricesAsOf = targetPrice is not null || acquirerPrice is not null ? lastSeen : null;
        decimal? probability = !isMna ? null
            : stage == LifecycleStage.Completed ? 1m
            : stage is LifecycleStage.Terminated or LifecycleStage.Withdrawn ? 0m
            : Chance(0.8) ? decimal.Round((decimal)Between(0.4, 0.99), 2) : null;
        decimal? breakFee = isMna && dealValue is { } value && Chance(0.7) ? decimal.Round(value * (decimal)Between(0.02, 0.04)) : null;
        var hostile = isMna && Chance(type == DealType.TenderOffer ? 0.12 : 0.03);

        var tags = Sample(Catalog.Tags, _random.Next(0, 4)).ToList();
        if (hostile)
        {
            tags.Add("hostile");
        }

        if (crossBorder)
        {
            tags.Add("cross-border");
        }

        var year = announcedOn.Year + _random.Next(3, 31);
        var coupon = decimal.Round((decimal)Between(1.5, 9.5), 3);
        return new DealTerms
        {
            Name = type switch
            {
                DealType.Acquisition => $"{acquirer!.Name} acquisition of {target.Name}",
                DealType.Merger => $"{acquirer!.Name} / {target.Name} merger",
                DealType.TenderOffer => $"{acquirer!.Name} tender offer for {target.Name}",
                DealType.Ipo => $"{target.Name} IPO",
                DealType.FollowOn => $"{target.Name} follow-on offering",
                DealType.DebtIssuance => $"{target.Name} {coupon}% senior notes due {year}",
                _ => $"{acquirer!.Name} spin-off of {target.Name}",
            },
            Type = type,
            Stage = stage,
            TargetName = target.Name,
            TargetTicker = target.Ticker,
            TargetExchange = target.Exchange,
            TargetCountry = market.Country,
            AcquirerName = acquirer?.Name,
            AcquirerTicker = acquirer?.Ticker,
            Sector = target.Sector.Name,
            Industry = target.Industry,
            Region = market.Region,
            AnnouncedOn = announcedOn,
            ExpectedCloseOn = expectedClose,
            ActualCloseOn = actualClose,
            DealValue = dealValue,
            Currency = market.Currency,
            Consideration = consideration,
            OfferPricePerShare = offerPrice,
            ExchangeRatio = exchangeRatio,
            PremiumPercent = premium,
            CurrentTargetPrice = targetPrice,
            CurrentAcquirerPrice = acquirerPrice,
            PricesAsOf = pricesAsOf,
            ProbabilityOfClose = probability,
            BreakFee = breakFee,
            RegulatoryApprovals = isMna ? Sample(Catalog.Regulators, _random.Next(0, 4)) : [],
            Advisors = Sample(Catalog.Advisors, _random.Next(1, 5)),
            Financing = type == DealType.DebtIssuance
                ? $"{coupon}% senior unsecured notes due {year}"
                : isMna && offerPrice is not null && Chance(0.8) ? Pick(Catalog.Financing) : null,
            IsHostile = hostile,
            Tags = tags,
            AnalystNotes = Chance(0.55) ? string.Join(" ", Sample(Catalog.NoteSentences, _random.Next(1, 4))) : null,
            SourceDocumentRef = !Chance(0.8) ? null
                : market.Country == "US" ? $"https://www.sec.gov/Archives/edgar/data/{_random.Next(1_000_000, 2_000_000)}/000{_random.Next(1_000_000, 9_999_999)}.htm"
                : $"press-release:{target.Ticker}:{announcedOn:yyyy-MM-dd}",
        };
    }

    /// <summary>The stage follows the calendar: deals whose expected close has passed mostly completed.</summary>
    private (LifecycleStage Stage, DateOnly? ActualClose) Lifecycle(bool isMna, DateOnly announcedOn, DateOnly? expectedClose)
    {
        var expected = expectedClose ?? announcedOn.AddDays(_random.Next(90, 400));
        if (expected >= _today)
        {
            var live = isMna
                ? Weighted([(LifecycleStage.Announced, 55.0), (LifecycleStage.PendingRegulatory, 40.0), (LifecycleStage.Terminated, 3.0), (LifecycleStage.Withdrawn, 2.0)])
                : Weighted([(LifecycleStage.Announced, 90.0), (LifecycleStage.Withdrawn, 10.0)]);
            return (live, null);
        }

        var stage = isMna
            ? Weighted([(LifecycleStage.Completed, 78.0), (LifecycleStage.Terminated, 10.0), (LifecycleStage.Withdrawn, 7.0), (LifecycleStage.PendingRegulatory, 5.0)])
            : Weighted([(LifecycleStage.Completed, 92.0), (LifecycleStage.Withdrawn, 8.0)]);
        if (stage != LifecycleStage.Completed)
        {
            return (stage, null);
        }

        var closed = Math.Clamp(expected.DayNumber + _random.Next(-10, 31), announcedOn.DayNumber, _today.DayNumber - 1);
        return (stage, DateOnly.FromDayNumber(closed));
    }

    /// <summary>The other party: the same sector six times in ten, the same country three times in four.</summary>
    private Company Counterparty(Company target)
    {
        while (true)
        {
            var candidate = Pick(_companies);
            if (candidate == target)
            {
                continue;
            }

            if ((candidate.Sector == target.Sector || !Chance(0.6)) && (candidate.Market.Country == target.Market.Country || !Chance(0.75)))
            {
                return candidate;
            }
        }
    }

    private Company[] Companies()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tickers = new HashSet<string>(StringComparer.Ordinal);
        var companies = new Company[CompanyCount];
        for (var i = 0; i < CompanyCount; i++)
        {
            var market = Weighted(Catalog.Markets.Select(m => (m, m.Weight)).ToArray());
            var sector = Pick(Catalog.Sectors);
            string name;
            do
            {
                name = $"{Pick(Catalog.NameRoots)} {Pick(sector.NameEndings)}";
            }
            while (!names.Add(name));

            string ticker;
            do
            {
                ticker = Ticker(market);
            }
            while (!tickers.Add(ticker));

            var usdPrice = decimal.Round((decimal)Math.Exp(Between(Math.Log(4), Math.Log(400))), 2);
            companies[i] = new Company(name, ticker, Pick(market.Exchanges), market, sector, Pick(sector.Industries), usdPrice);
        }

        return companies;
    }

    private string Ticker(Market market)
    {
        if (market.NumericTickers)
        {
            return _random.Next(1000, 10000).ToString("D4");
        }

        var letters = new char[_random.Next(2, 5)];
        for (var i = 0; i < letters.Length; i++)
        {
            letters[i] = (char)('A' + _random.Next(26));
        }

        var ticker = new string(letters);
        return market.Country == "US" && Chance(0.04) ? ticker + (Chance(0.5) ? ".B" : "-A") : ticker;
    }

    /// <summary>Prices with the decimals the market quotes in (none for yen).</summary>
    private static decimal Price(decimal value, Market market) =>
        Math.Max(market.Currency == "JPY" ? 1m : 0.01m, decimal.Round(value, market.Currency == "JPY" ? 0 : 2));

    /// <summary>Nothing happens after the reference instant: later times land in its last hours, never before <paramref name="floor"/>.</summary>
    private DateTimeOffset Clamp(DateTimeOffset value, DateTimeOffset floor)
    {
        if (value < _now)
        {
            return value;
        }

        var late = _now.AddMinutes(-_random.Next(1, 600));
        return late > floor ? late : floor;
    }

    /// <summary>A UUIDv7 (time-ordered, like <c>Guid.CreateVersion7</c>) whose random bits come from the seeded generator.</summary>
    private Guid UuidV7(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private Guid RandomGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[6] = (byte)(0x40 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string[] Sample(string[] items, int count) => items.OrderBy(_ => _random.Next()).Take(count).ToArray();

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private double Between(double min, double max) => min + (_random.NextDouble() * (max - min));

    /// <summary>Between min and max, most values near min (the square of a uniform draw).</summary>
    private double Skewed(double min, double max)
    {
        var u = _random.NextDouble();
        return min + (u * u * (max - min));
    }

    private T Weighted<T>((T Value, double Weight)[] choices)
    {
        var roll = _random.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (value, weight) in choices)
        {
            roll -= weight;
            if (roll < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
