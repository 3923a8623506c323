using Loans.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loans.Application.Products;

internal sealed class LoanProductConfiguration : IEntityTypeConfiguration<LoanProduct>
{
    public void Configure(EntityTypeBuilder<LoanProduct> product)
    {
        product.ToTable("LoanProducts");
        product.HasKey(p => p.Id);
        product.HasIndex(p => p.Code).IsUnique();
        product.Property(p => p.Code).HasMaxLength(32);
        product.Property(p => p.Name).HasMaxLength(ProductRules.NameMaxLength);
        product.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        product.Property(p => p.RateType).HasMaxLength(24);
        product.Property(p => p.MinRatePercent).HasPrecision(7, 4);
        product.Property(p => p.MaxRatePercent).HasPrecision(7, 4);
    }
}
