namespace Loans.Application.Bookings;

/// <summary>The list's filters as query-string values (enums in any case, like the JSON).</summary>
public sealed record LoanBookingFilter
{
    public string? Status { get; init; }

    /// <summary>Reviewers and admins only: a loan officer's list is always their own.</summary>
    public Guid? OfficerId { get; init; }

    /// <summary>Every word must start a word of the borrower's name.</summary>
    public string? Borrower { get; init; }

    public string? ProductCode { get; init; }
    public string? Currency { get; init; }
    public DateOnly? StartFrom { get; init; }
    public DateOnly? StartTo { get; init; }
    public DateOnly? MaturityFrom { get; init; }
    public DateOnly? MaturityTo { get; init; }

    /// <summary><c>field</c> or <c>-field</c>: updatedAt (default -updatedAt), createdAt, principal, maturityDate, startDate, borrower, reference.</summary>
    public string? Sort { get; init; }
}
