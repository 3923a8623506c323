namespace Portfolio.Domain.Pricing;

/// <summary>Conversions from the model's annual, per-unit sensitivities to the trader's units.</summary>
internal static class GreekUnits
{
    public const double PointsPerUnit = 100.0;

    public const double CalendarDaysPerYear = 365.0;

    public const double VolatilityPerPoint = 1.0 / PointsPerUnit;

    public const double RatePerPoint = 1.0 / PointsPerUnit;

    public const double YearsPerCalendarDay = 1.0 / CalendarDaysPerYear;
}
