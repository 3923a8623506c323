namespace Portfolio.Application.Exports;

/// <summary>One export as its owner sees it; the file is at <see cref="Download"/>. The storage key stays server-side.</summary>
public sealed record ExportView(Guid Id, Guid? ScenarioId, Guid? SessionId, string Format, int TradeCount, long SizeBytes, string Sha256, DateTimeOffset CreatedAt, string Download)
{
    public static ExportView Of(TradeExportRow row) =>
        new(row.Id, row.ScenarioId, row.SessionId, row.Format, row.TradeCount, row.SizeBytes, row.Sha256, row.CreatedAt, $"/api/v1/exports/{row.Id}/download");
}
