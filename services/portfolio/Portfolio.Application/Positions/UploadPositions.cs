using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Positions;
using Portfolio.Domain.Upload;

namespace Portfolio.Application.Positions;

/// <summary>How an upload meets the positions already there: added beside them, or replacing them all.</summary>
public enum UploadMode
{
    Append,
    Replace,
}

public sealed record UploadResult(Guid PortfolioId, int Created, int Replaced, IReadOnlyList<string> StrategiesCreated, IReadOnlyList<string> UnverifiedSymbols);

/// <summary>
/// A positions CSV (docs/portfolio-upload.md), all or nothing: every bad row is reported with its line and
/// field and nothing is stored; otherwise every row becomes a position in one transaction. A symbol
/// marketdata does not know is a bad row; one it cannot be asked about now is kept and listed as unverified.
/// </summary>
public sealed record UploadPositions(Guid PortfolioId, Stream Csv, UploadMode Mode) : IRequest<Result<UploadResult>>;

internal sealed class UploadPositionsHandler(
    PortfolioDb db, ICurrentUser user, InstrumentDirectory instruments, MarketDataSyncSignal sync, TimeProvider clock, ILogger<UploadPositionsHandler> logger)
    : IRequestHandler<UploadPositions, Result<UploadResult>>
{
    private static readonly Error Invalid = Error.Rule("position.upload_invalid", "The file has errors; nothing was stored. Each is listed under rows with its line and field.");

    public async Task<Result<UploadResult>> Handle(UploadPositions request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var found = await db.FindChangeableAsync(caller.Value, request.PortfolioId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var portfolio = found.Value;
        var now = clock.GetUtcNow();
        var phases = new UploadPhases(clock);
        var parsed = await PositionCsv.ParseAsync(request.Csv, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        if (!parsed.IsValid)
        {
            return Rejected(parsed.Errors);
        }

        phases.End("parse");
        var underlyings = parsed.Rows.Select(r => r.Option?.Root ?? r.Symbol).Distinct(StringComparer.Ordinal).ToList();
        var described = await instruments.DescribeAsync(underlyings, cancellationToken);
        var unknown = parsed.Rows.Where(r => described[r.Option?.Root ?? r.Symbol].Unknown)
            .Select(r => new RowError(r.Line, "symbol", "Marketdata knows no such symbol (for an option: no such underlying)."))
            .ToList();
        if (unknown.Count > 0)
        {
            return Rejected(unknown);
        }

        phases.End("symbols");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var strategies = await StrategiesByNameAsync(portfolio, parsed.Rows, cancellationToken);
        await db.EnsureTagsAsync(portfolio.OwnerId, parsed.Rows.SelectMany(r => r.Tags), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var replaced = request.Mode == UploadMode.Replace
            ? await db.CloseAllAsync(portfolio.Id, now, user.Subject, cancellationToken)
            : 0;
        phases.End("groups and replace");

        // Built one at a time as COPY sends them, so building (about 0.4 s for 100,000 rows) overlaps PostgreSQL's
        // work on the rows already sent instead of coming before it.
        var positions = parsed.Rows.Select(row =>
        {
            var symbol = new PositionSymbol(row.Symbol, row.Option?.Root ?? row.Symbol, row.Option);
            var currency = described[symbol.Underlying].Instrument?.Currency ?? portfolio.BaseCurrency;
            var terms = PositionTermsBuilder.Build(symbol, row.Quantity, row.EntryPrice, row.EntryDate, row.Currency, row.Multiplier,
                row.Tags, row.Strategy is { } name ? strategies.Ids[name] : null, null, currency);
            return Position.Open(portfolio, terms);
        });
        var created = await CopyAsync(positions, now, cancellationToken);
        phases.End("copy");
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = now, EntityType = nameof(InvestmentPortfolio), EntityId = portfolio.Id.ToString(), Action = "upload",
            Actor = user.Subject, RequestId = user.RequestId,
            Changes = JsonSerializer.Serialize(new { positions = new { before = (int?)null, after = created }, replaced = new { before = replaced, after = 0 } }),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        phases.End("commit");
        sync.Ring();
        logger.LogInformation("Upload into {PortfolioId}: {Created} positions, {Replaced} replaced, in {Phases}", portfolio.Id, created, replaced, phases);

        var unverified = underlyings.Where(u => described[u].Unavailable).ToList();
        return new UploadResult(portfolio.Id, created, replaced, strategies.Created, unverified);
    }

    /// <summary>Where an upload's time went, for the log line operators read when an upload is slow.</summary>
    private sealed class UploadPhases(TimeProvider clock)
    {
        private readonly List<string> _ended = [];
        private long _since = clock.GetTimestamp();

        public void End(string phase)
        {
            var now = clock.GetTimestamp();
            _ended.Add($"{phase} {clock.GetElapsedTime(_since, now).TotalMilliseconds:F0} ms");
            _since = now;
        }

        public override string ToString() => string.Join(", ", _ended);
    }

    private static Error Rejected(IReadOnlyList<RowError> errors) =>
        Invalid with { Details = new Dictionary<string, object?> { ["rows"] = errors } };

    private async Task<(Dictionary<string, Guid> Ids, List<string> Created)> StrategiesByNameAsync(
        InvestmentPortfolio portfolio, IReadOnlyList<PositionRow> rows, CancellationToken cancellationToken)
    {
        var names = rows.Where(r => r.Strategy is not null).Select(r => r.Strategy!).Distinct(StringComparer.Ordinal).ToList();
        var ids = await db.Strategies.Where(s => s.PortfolioId == portfolio.Id && names.Contains(s.Name))
            .ToDictionaryAsync(s => s.Name, s => s.Id, StringComparer.Ordinal, cancellationToken);
        var created = names.Where(n => !ids.ContainsKey(n)).ToList();
        foreach (var name in created)
        {
            var strategy = PositionStrategy.Create(portfolio.Id, name, StrategyKind.Custom, null);
            db.Strategies.Add(strategy);
            ids[name] = strategy.Id;
        }

        return (ids, created);
    }

    // Binary COPY: an upload of 100,000 rows through change tracking would take tens of seconds. The upload's
    // one audit row (above) records it; each position's later changes are audited one by one as usual.
    private async Task<int> CopyAsync(IEnumerable<Position> positions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = 0;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY portfolio.positions (id, portfolio_id, owner_id, symbol, underlying, type, quantity, entry_price, entry_date, currency, multiplier, " +
            "\"right\", expiry, strike, tags, strategy_id, created_at, created_by, updated_at, updated_by) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var p in positions)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(p.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(p.PortfolioId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(p.OwnerId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(p.Symbol, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(p.Underlying, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(EnumText.Name(p.Type), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(p.Quantity, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteAsync(p.EntryPrice, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteAsync(p.EntryDate, NpgsqlDbType.Date, cancellationToken);
            await writer.WriteAsync(p.Currency, NpgsqlDbType.Char, cancellationToken);
            await writer.WriteAsync(p.Multiplier, NpgsqlDbType.Numeric, cancellationToken);
            await WriteNullableAsync(writer, p.Right is { } right ? EnumText.Name(right) : null, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(writer, p.Expiry, NpgsqlDbType.Date, cancellationToken);
            await WriteNullableAsync(writer, p.Strike, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteAsync(p.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, p.StrategyId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(writer, user.Subject, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(writer, user.Subject, NpgsqlDbType.Text, cancellationToken);
            count++;
        }

        await writer.CompleteAsync(cancellationToken);
        return count;
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await writer.WriteAsync(value, type, cancellationToken);
        }
    }
}
