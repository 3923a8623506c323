using Portfolio.Application.Reports.Rendering;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Reports;

/// <summary>
/// What a report kind is given: the portfolio (its reader was checked when the report was requested), the period,
/// and for a what-if comparison the scenario (its owner was checked then too).
/// </summary>
public sealed record ReportContext(InvestmentPortfolio Portfolio, DateOnly From, DateOnly To, DateTimeOffset GeneratedAt, Guid? ScenarioId = null);

/// <summary>
/// One kind of report: builds the format-independent <see cref="ReportDocument"/> that the generator renders to CSV and PDF.
/// Implementations are created per run with their constructor's services; register a new one in <see cref="ReportKinds"/>.
/// Throw <see cref="ReportUnavailableException"/> when the report cannot be made from the data (it fails with that message).
/// </summary>
public interface IReportKind
{
    Task<ReportDocument> BuildAsync(ReportContext context, CancellationToken cancellationToken);
}

/// <summary>The report cannot be made from what is stored (nothing to value, say); its message is shown to the requester.</summary>
public sealed class ReportUnavailableException(string message) : Exception(message);
