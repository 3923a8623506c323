using System.Linq.Expressions;
using Loans.Application.Persistence;
using Loans.Domain.Bookings;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Platform.Persistence;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

public sealed record ListLoanBookings(LoanBookingFilter Filter, int Page = 1, int PageSize = Paging.DefaultPageSize) : IRequest<Result<PagedList<LoanBookingView>>>;

internal sealed class ListLoanBookingsHandler(LoansDb db, ICurrentUser user, ListCounts counts) : IRequestHandler<ListLoanBookings, Result<PagedList<LoanBookingView>>>
{
    private static readonly Dictionary<string, Expression<Func<LoanBooking, object>>> SortKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["updatedAt"] = b => b.UpdatedAt,
        ["createdAt"] = b => b.CreatedAt,
        ["principal"] = b => b.Principal,
        ["maturityDate"] = b => b.MaturityDate,
        ["startDate"] = b => b.StartDate,
        ["borrower"] = b => b.Borrower,
        ["reference"] = b => b.Number,
    };

    public async Task<Result<PagedList<LoanBookingView>>> Handle(ListLoanBookings request, CancellationToken cancellationToken)
    {
        var actor = user.AsLoanActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        var filter = request.Filter;
        var errors = Paging.Validate(request.Page, request.PageSize);
        var status = EnumText.Parse<BookingStatus>(filter.Status);
        if (filter.Status is not null && status is null)
        {
            errors["status"] = [$"One of {EnumText.Names<BookingStatus>()}."];
        }

        var sortField = filter.Sort?.TrimStart('-') ?? "updatedAt";
        if (!SortKeys.TryGetValue(sortField, out var sortKey))
        {
            errors["sort"] = [$"One of {string.Join(", ", SortKeys.Keys)}, optionally prefixed with '-' for descending."];
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var bookings = db.Bookings.AsNoTracking();
        if (!actor.Value.SeesAllBookings)
        {
            bookings = bookings.Where(b => b.OfficerId == actor.Value.UserId);
        }

        if (filter.OfficerId is { } officer)
        {
            bookings = bookings.Where(b => b.OfficerId == officer);
        }

        if (status is { } wanted)
        {
            bookings = bookings.Where(b => b.Status == wanted);
        }

        if (TextSearch.PrefixQuery(filter.Borrower) is { } search)
        {
            bookings = bookings.Where(b => EF.Property<NpgsqlTsVector>(b, LoanBookingConfiguration.BorrowerSearch).Matches(EF.Functions.ToTsQuery("simple", search)));
        }

        if (!string.IsNullOrWhiteSpace(filter.ProductCode))
        {
            var code = filter.ProductCode.Trim().ToUpperInvariant();
            bookings = bookings.Where(b => b.ProductCode == code);
        }

        if (!string.IsNullOrWhiteSpace(filter.Currency))
        {
            var currency = filter.Currency.Trim().ToUpperInvariant();
            bookings = bookings.Where(b => b.Currency == currency);
        }

        if (filter.StartFrom is { } startFrom)
        {
            bookings = bookings.Where(b => b.StartDate >= startFrom);
        }

        if (filter.StartTo is { } startTo)
        {
            bookings = bookings.Where(b => b.StartDate <= startTo);
        }

        if (filter.MaturityFrom is { } maturityFrom)
        {
            bookings = bookings.Where(b => b.MaturityDate >= maturityFrom);
        }

        if (filter.MaturityTo is { } maturityTo)
        {
            bookings = bookings.Where(b => b.MaturityDate <= maturityTo);
        }

        // The sort does not change the total; the filter and whose bookings the caller sees do.
        var scope = actor.Value.SeesAllBookings ? (Guid?)null : actor.Value.UserId;
        var total = await counts.CountAsync(db, LoansDb.BookingListVersionTable, bookings, new { Filter = filter with { Sort = null }, Scope = scope }, cancellationToken);
        var descending = filter.Sort is null || filter.Sort.StartsWith('-');
        var ordered = descending
            ? bookings.OrderByDescending(sortKey!).ThenByDescending(b => b.Id)
            : bookings.OrderBy(sortKey!).ThenBy(b => b.Id);
        var rows = await ordered.TakePage(request.Page, request.PageSize).ToListAsync(cancellationToken);
        return new PagedList<LoanBookingView>([.. rows.Select(LoanBookingView.Of)], request.Page, request.PageSize, total);
    }
}
