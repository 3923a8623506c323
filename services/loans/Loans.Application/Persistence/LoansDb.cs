using Loans.Application.Bookings;
using Loans.Domain.Bookings;
using Loans.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs;
using Platform.Messaging;
using Platform.Persistence;
using Platform.Persistence.Idempotency;

namespace Loans.Application.Persistence;

public sealed class LoansDb(DbContextOptions<LoansDb> options) : DbContext(options)
{
    public const string Schema = "loans";

    /// <summary>Bumped by a trigger in every transaction that writes bookings: the key of cached list totals (<see cref="ListCounts"/>).</summary>
    public const string BookingListVersionTable = "loans.booking_list_version";

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<LoanProduct> Products => Set<LoanProduct>();

    public DbSet<LoanBooking> Bookings => Set<LoanBooking>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Each part keeps its mapping beside its code (IEntityTypeConfiguration classes).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LoansDb).Assembly);
        modelBuilder.HasSequence<long>(LoanBookingConfiguration.NumberSequence, Schema);
        modelBuilder.AddIdempotencyRecords();
        modelBuilder.AddMessagingTables();
        modelBuilder.AddJobTables();
        modelBuilder.ApplyPlatformConventions(Schema);
    }
}
