using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Modeling;

/// <summary>
/// A saved what-if: a copy of the session's trades and the impacts computed when it was saved, as JSON.
/// Written once and never changed, so it still explains itself after the session and the prices have moved on.
/// </summary>
public sealed class ModelingScenarioRow : IOwnedRow
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public Guid PortfolioId { get; set; }
    public Guid SessionId { get; set; }
    public string Name { get; set; } = "";
    public int TradeCount { get; set; }
    public string Trades { get; set; } = "[]";
    public string Impacts { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ModelingScenarioConfiguration : IEntityTypeConfiguration<ModelingScenarioRow>
{
    public void Configure(EntityTypeBuilder<ModelingScenarioRow> scenario)
    {
        scenario.ToTable("ModelingScenarios");
        scenario.HasKey(s => s.Id);
        scenario.Property(s => s.Name).HasMaxLength(ModelingErrors.NameMaxLength);
        scenario.Property(s => s.Trades).HasColumnType("jsonb");
        scenario.Property(s => s.Impacts).HasColumnType("jsonb");
        scenario.HasIndex(s => new { s.OwnerId, s.CreatedAt });
    }
}
