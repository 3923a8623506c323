namespace Loans.Application.Documents;

internal enum ZipDirectoryStatus
{
    Valid,

    /// <summary>No end record, or one pointing outside the file.</summary>
    Unreadable,

    /// <summary>The archive ends before the file does.</summary>
    TrailingData,
}
