using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.SharedKernel;

namespace Platform.Persistence;

public static class ModelConventions
{
    internal const string AuditRedactedAnnotation = "Platform:AuditRedacted";

    /// <summary>
    /// Applies the platform's table conventions; call last in OnModelCreating. snake_case names,
    /// the soft-delete filter, <c>xmin</c> as the concurrency token of every aggregate, UTC
    /// timestamps, and the audit log table.
    /// </summary>
    public static ModelBuilder ApplyPlatformConventions(this ModelBuilder modelBuilder, string schema)
    {
        modelBuilder.HasDefaultSchema(schema);
        modelBuilder.Entity<AuditEntry>(AuditEntry.Configure);

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(entity => !entity.IsOwned()))
        {
            var clrType = entity.ClrType;
            if (typeof(ISoftDeletable).IsAssignableFrom(clrType) && entity.BaseType is null)
            {
                var row = Expression.Parameter(clrType, "row");
                var deletedAt = Expression.Property(row, nameof(ISoftDeletable.DeletedAt));
                var filter = Expression.Lambda(Expression.Equal(deletedAt, Expression.Constant(null, typeof(DateTimeOffset?))), row);
                modelBuilder.Entity(clrType).HasQueryFilter(filter);
            }

            if (typeof(AggregateRoot).IsAssignableFrom(clrType) && entity.BaseType is null)
            {
                // PostgreSQL's system column xmin changes on every write of the row: a free row version.
                // Named explicitly, since the snake_case pass below would otherwise make it a real column.
                modelBuilder.Entity(clrType).Property(nameof(AggregateRoot.Version))
                    .HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
            }
        }

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            StoreEnumsAsCamelCaseText(entity);
            ApplySnakeCase(entity);
        }

        return modelBuilder;
    }

    // One rule for every schema: enums are text in the API's spelling, never numbers or PascalCase.
    private static void StoreEnumsAsCamelCaseText(IMutableEntityType entity)
    {
        foreach (var property in entity.GetProperties())
        {
            var enumType = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            if (!enumType.IsEnum)
            {
                continue;
            }

            property.SetValueConverter((ValueConverter)Activator.CreateInstance(typeof(CamelCaseEnumConverter<>).MakeGenericType(enumType))!);
            property.SetMaxLength(property.GetMaxLength() ?? 32);
        }
    }

    /// <summary>The audit log shows that this property changed, never its value (hashes, secrets, stamps).</summary>
    public static PropertyBuilder<T> IsRedactedInAudit<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(AuditRedactedAnnotation, true);

    private static void ApplySnakeCase(IMutableEntityType entity)
    {
        if (entity.GetTableName() is { } table && !entity.IsOwned())
        {
            entity.SetTableName(ToSnakeCase(table));
        }

        foreach (var property in entity.GetProperties())
        {
            // xmin is a system column: its name is fixed.
            if (property.GetColumnName() != "xmin")
            {
                property.SetColumnName(ToSnakeCase(property.GetColumnName()));
            }
        }

        foreach (var key in entity.GetKeys())
        {
            key.SetName(ToSnakeCase(key.GetName()!));
        }

        foreach (var foreignKey in entity.GetForeignKeys())
        {
            foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetConstraintName()!));
        }

        foreach (var index in entity.GetIndexes())
        {
            index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName()!));
        }
    }

    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if (previousIsLowerOrDigit || nextIsLower)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
