using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Platform.Storage;
using Portfolio.Application.Modeling;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Application.Positions;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Exports;

public sealed record ExportInput(Guid? ScenarioId, Guid? SessionId, string? Format)
{
    public const string Csv = "csv";
    public const string Fix = "fix";
}

/// <summary>
/// Writes the trades of one of the caller's saved scenarios (or live sessions) as orders, CSV or FIX 4.4
/// NewOrderSingle, into the document store, and records who exported what, when, where and its SHA-256.
/// </summary>
public sealed record CreateExport(ExportInput Input) : IRequest<Result<ExportView>>;

internal sealed class CreateExportValidator : AbstractValidator<CreateExport>
{
    public CreateExportValidator()
    {
        RuleFor(r => r.Input).NotNull().OverridePropertyName("body");
        When(r => r.Input is not null, () =>
        {
            RuleFor(r => r.Input.Format).Must(f => f is ExportInput.Csv or ExportInput.Fix).WithMessage("Must be 'csv' or 'fix'.").OverridePropertyName("format");
            RuleFor(r => r.Input).Must(i => (i.ScenarioId is null) != (i.SessionId is null))
                .WithMessage("Give exactly one of scenarioId and sessionId.").OverridePropertyName("scenarioId");
        });
    }
}

internal sealed class CreateExportHandler(PortfolioDb db, ICurrentUser user, IDocumentStore store, IOptions<ModelingOptions> options, TimeProvider clock)
    : IRequestHandler<CreateExport, Result<ExportView>>
{
    public async Task<Result<ExportView>> Handle(CreateExport request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var now = clock.GetUtcNow();
        var input = request.Input;
        var trades = await TradesAsync(caller.Value, input, now, cancellationToken);
        if (!trades.IsSuccess)
        {
            return trades.Error!;
        }

        if (trades.Value.Count == 0)
        {
            return ModelingErrors.NoTrades;
        }

        var id = Guid.CreateVersion7(now);
        var orders = trades.Value.Select((t, i) => new FixNewOrderSingle(
            $"{id:N}-{i + 1}", t.Symbol, PositionSymbol.TryParse(t.Symbol, out var s, out _) ? s.Option : null, t.Quantity, t.Price, now)).ToList();
        var (content, contentType) = input.Format == ExportInput.Fix
            ? (FixEncoder.Encode(new FixHeader(options.Value.FixSenderCompId, options.Value.FixTargetCompId, 1, now), orders), "application/octet-stream")
            : (TradeCsv.Write(orders), "text/csv");
        await using var stream = new MemoryStream(Encoding.ASCII.GetBytes(content));
        var stored = await store.PutAsync(stream, contentType, cancellationToken);
        var row = new TradeExportRow
        {
            Id = id, OwnerId = caller.Value.UserId, ScenarioId = input.ScenarioId, SessionId = input.SessionId, Format = input.Format!,
            TradeCount = orders.Count, StorageKey = stored.Key, SizeBytes = stored.SizeBytes, Sha256 = stored.Sha256, ContentType = contentType, CreatedAt = now,
        };
        db.Set<TradeExportRow>().Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // No row names the file: remove it rather than leave an orphan.
            await store.DeleteAsync(stored.Key, CancellationToken.None);
            throw;
        }

        return ExportView.Of(row);
    }

    private async Task<Result<IReadOnlyList<HypotheticalTrade>>> TradesAsync(Domain.Portfolios.Caller caller, ExportInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (input.SessionId is { } sessionId)
        {
            var session = await db.FindOwnSessionAsync(caller, sessionId, now, cancellationToken);
            return session.IsSuccess ? Result<IReadOnlyList<HypotheticalTrade>>.Ok(session.Value.Trades) : session.Error!;
        }

        var trades = await db.Set<ModelingScenarioRow>().AsNoTracking()
            .Where(s => s.Id == input.ScenarioId && s.OwnerId == caller.UserId).Select(s => s.Trades).SingleOrDefaultAsync(cancellationToken);
        return trades is null ? ModelingErrors.ScenarioNotFound : Result<IReadOnlyList<HypotheticalTrade>>.Ok(TradeJson.Read(trades));
    }
}
