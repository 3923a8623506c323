namespace MarketData.Application.History;

/// <summary>The date window of a history request: defaults (the last year) and the ten-year cap, in one place.</summary>
public static class DateRange
{
    public const int MaxYears = 10;

    public static readonly string TooLong = $"At most {MaxYears} years per request.";

    public static (DateOnly From, DateOnly To) Resolve(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var end = to ?? today;
        return (from ?? YearsBefore(end, 1), end);
    }

    /// <summary>The errors of a window, keyed by parameter; empty when it is valid.</summary>
    public static Dictionary<string, string[]> Check(DateOnly from, DateOnly to)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (from > to)
        {
            errors["from"] = ["Must not be after 'to'."];
        }
        else if (from < YearsBefore(to, MaxYears))
        {
            errors["from"] = [TooLong];
        }

        return errors;
    }

    // AddYears throws below year 1; a date in the first years of the calendar is a legal (empty) window.
    private static DateOnly YearsBefore(DateOnly date, int years) => date.Year > years ? date.AddYears(-years) : DateOnly.MinValue;
}
