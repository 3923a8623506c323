using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portfolio.Application.Persistence;

internal sealed class MarketVersionMapping : IEntityTypeConfiguration<MarketVersionRow>
{
    public void Configure(EntityTypeBuilder<MarketVersionRow> version)
    {
        version.ToTable("MarketVersions");
        version.HasKey(v => v.Id);
        version.Property(v => v.Id).ValueGeneratedNever();
        version.HasData(new MarketVersionRow { Id = 1, Version = 0 });
    }
}
