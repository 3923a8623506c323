using System.ComponentModel.DataAnnotations;

namespace Portfolio.Application.Modeling;

/// <summary>What-if sessions and trade exports (<c>Portfolio:Modeling</c>).</summary>
public sealed class ModelingOptions
{
    public const string Section = "Portfolio:Modeling";

    /// <summary>A session not changed for this long has expired: it answers 404 and the cleanup removes it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the background pass removes expired sessions.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The index instrument suggestions hedge net exposure and VaR with, unless the caller names another.</summary>
    [Required]
    [RegularExpression("^[A-Z0-9][A-Z0-9.-]{0,11}$")]
    public string HedgeSymbol { get; set; } = "SPY";

    /// <summary>SenderCompID (49) of exported FIX orders.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,32}$")]
    public string FixSenderCompId { get; set; } = "PLATFORM";

    /// <summary>TargetCompID (56) of exported FIX orders.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,32}$")]
    public string FixTargetCompId { get; set; } = "BROKER";
}
