namespace MarketData.Application.Refresh;

/// <summary>
/// The US equity session: weekdays, 09:30 to 16:00 in New York. Exchange holidays are not known
/// here; a refresh on a holiday finds no new bar and writes nothing, which is harmless.
/// </summary>
public static class MarketCalendar
{
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    public static readonly TimeSpan SessionOpen = new(9, 30, 0);
    public static readonly TimeSpan SessionClose = new(16, 0, 0);

    public static bool IsTradingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public static DateOnly TradingDayOnOrBefore(DateOnly date)
    {
        while (!IsTradingDay(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    /// <summary>The latest trading day whose session has closed at <paramref name="now"/>.</summary>
    public static DateOnly LastClosedSession(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, NewYork);
        var today = DateOnly.FromDateTime(local.DateTime);
        return IsTradingDay(today) && local.TimeOfDay >= SessionClose ? today : TradingDayOnOrBefore(today.AddDays(-1));
    }

    /// <summary>The instant a day's session closes, which is when its close is as of; in UTC, as every stored and published time is.</summary>
    public static DateTimeOffset CloseOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.FromTimeSpan(SessionClose));
        return new DateTimeOffset(local, NewYork.GetUtcOffset(local)).ToUniversalTime();
    }
}
