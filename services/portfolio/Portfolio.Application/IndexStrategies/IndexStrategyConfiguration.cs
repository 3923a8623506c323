using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Application.IndexStrategies;

internal sealed class IndexStrategyConfiguration : IEntityTypeConfiguration<IndexStrategy>
{
    public void Configure(EntityTypeBuilder<IndexStrategy> strategy)
    {
        strategy.ToTable("IndexStrategies");
        strategy.HasKey(s => s.Id);
        strategy.Ignore(s => s.Rules);
        strategy.Property(s => s.Name).HasMaxLength(IndexStrategyErrors.NameMaxLength);
        strategy.Property(s => s.Description).HasMaxLength(IndexStrategyErrors.DescriptionMaxLength);
        strategy.Property(s => s.Symbols).HasColumnType("varchar(12)[]");
        strategy.Property(s => s.Weighting).HasMaxLength(20);
        strategy.Property(s => s.WeightCap).HasPrecision(9, 6);
        strategy.Property(s => s.MaxTurnover).HasPrecision(9, 6);
        strategy.HasIndex(s => new { s.OwnerId, s.Name }).IsUnique().HasFilter("deleted_at IS NULL");
    }
}
