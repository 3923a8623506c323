using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.Persistence;

public static class DbExceptions
{
    /// <summary>True when a unique constraint refused the write: a race a prior existence check could not prevent.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
