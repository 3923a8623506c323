using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Deals.Application.Csv;
using Deals.Domain;
using Microsoft.EntityFrameworkCore;

namespace Deals.Application.Queries;

/// <summary>
/// The sort keys a list or export accepts. The id breaks ties, so paging is stable. Keys that are
/// never null also support keyset paging: a cursor holds the last row's (key, id), and the next page
/// is the rows after it in index order, found by a row-value comparison at any depth.
/// </summary>
internal static class DealSort
{
    public const string Default = "-updatedAt";

    private sealed record SortKey(
        Func<IQueryable<Deal>, bool, IOrderedQueryable<Deal>> Order,
        Func<DealView, string>? Position = null,
        Func<IQueryable<Deal>, bool, string, Guid, IQueryable<Deal>?>? After = null);

    private static readonly Dictionary<string, SortKey> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["updatedAt"] = Seekable(d => d.UpdatedAt, v => v.UpdatedAt, TryParseTimestamp, FormatTimestamp),
        ["createdAt"] = Seekable(d => d.CreatedAt, v => v.CreatedAt, TryParseTimestamp, FormatTimestamp),
        ["announcedOn"] = Seekable(d => d.AnnouncedOn, v => v.AnnouncedOn, TryParseDate, d => d.ToString("O", CultureInfo.InvariantCulture)),
        ["name"] = Seekable(d => d.Name, v => v.Name, TryParseText, s => s),
        ["targetName"] = Seekable(d => d.TargetName, v => v.TargetName, TryParseText, s => s),
        // Nullable keys put missing values last in both directions; they page by offset only.
        ["targetTicker"] = new((q, desc) => NullsLast(q, d => d.TargetTicker, desc)),
        ["expectedCloseOn"] = new((q, desc) => NullsLast(q, d => d.ExpectedCloseOn, desc)),
        ["dealValue"] = new((q, desc) => NullsLast(q, d => d.DealValue, desc)),
        ["probabilityOfClose"] = new((q, desc) => NullsLast(q, d => d.ProbabilityOfClose, desc)),
        ["annualizedReturn"] = new((q, desc) => NullsLast(q, d => d.AnnualizedReturn, desc)),
    };

    public static IReadOnlyCollection<string> Fields => Keys.Keys;

    public static bool IsValid(string? sort) => sort is null || Keys.ContainsKey(sort.Trim().TrimStart('-'));

    private static string Normalize(string? sort) => string.IsNullOrWhiteSpace(sort) ? Default : sort.Trim();

    public static IOrderedQueryable<Deal> OrderBy(this IQueryable<Deal> deals, string? sort)
    {
        sort = Normalize(sort);
        var descending = sort.StartsWith('-');
        var ordered = Keys[sort.TrimStart('-')].Order(deals, descending);
        return descending ? ordered.ThenByDescending(d => d.Id) : ordered.ThenBy(d => d.Id);
    }

    /// <summary>The cursor after <paramref name="last"/>, or null when this sort pages by offset only.</summary>
    public static string? CursorAfter(string? sort, DealView last)
    {
        sort = Normalize(sort);
        return Keys[sort.TrimStart('-')].Position is { } position
            ? Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new Cursor(sort, position(last), last.Id))).TrimEnd('=').Replace('+', '-').Replace('/', '_')
            : null;
    }

    /// <summary>The rows after the cursor's position, or null when the cursor is malformed or belongs to another sort.</summary>
    public static IQueryable<Deal>? After(this IQueryable<Deal> deals, string? sort, string cursor)
    {
        sort = Normalize(sort);
        var key = Keys[sort.TrimStart('-')];
        return Decode(cursor) is { } position && position.Sort == sort && key.After is { } after
            ? after(deals, sort.StartsWith('-'), position.Value, position.Id)
            : null;
    }

    private sealed record Cursor(string Sort, string Value, Guid Id);

    private static Cursor? Decode(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            var json = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
            return JsonSerializer.Deserialize<Cursor>(json);
        }
        catch (Exception invalid) when (invalid is FormatException or JsonException)
        {
            return null;
        }
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static SortKey Seekable<T>(Expression<Func<Deal, T>> key, Func<DealView, T> value, TryParse<T> parse, Func<T, string> format) => new(
        (q, desc) => desc ? q.OrderByDescending(key) : q.OrderBy(key),
        view => format(value(view)),
        (q, desc, text, id) => parse(text, out var parsed) ? q.Where(RowComparison(key, new Position<T>(parsed, id), desc)) : null);

    /// <summary>Holds the cursor's values so EF Core sends them as parameters.</summary>
    private sealed record Position<T>(T Value, Guid Id);

    // (key, id) < (@value, @id) for descending order, > for ascending: PostgreSQL compares row values
    // left to right, exactly as the (key, id) index is ordered, so the scan starts at the cursor.
    private static Expression<Func<Deal, bool>> RowComparison<T>(Expression<Func<Deal, T>> key, Position<T> position, bool descending)
    {
        var deal = key.Parameters[0];
        var create = typeof(ValueTuple).GetMethods().Single(m => m.Name == nameof(ValueTuple.Create) && m.GetGenericArguments().Length == 2)
            .MakeGenericMethod(typeof(T), typeof(Guid));
        var holder = Expression.Constant(position);
        var row = Expression.Convert(Expression.Call(create, key.Body, Expression.Property(deal, nameof(Deal.Id))), typeof(ITuple));
        var bound = Expression.Convert(
            Expression.Call(create, Expression.Property(holder, nameof(Position<T>.Value)), Expression.Property(holder, nameof(Position<T>.Id))), typeof(ITuple));
        var compare = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
            descending ? nameof(NpgsqlDbFunctionsExtensions.LessThan) : nameof(NpgsqlDbFunctionsExtensions.GreaterThan),
            [typeof(DbFunctions), typeof(ITuple), typeof(ITuple)])!;
        return Expression.Lambda<Func<Deal, bool>>(Expression.Call(compare, Expression.Constant(EF.Functions), row, bound), deal);
    }

    private static string FormatTimestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static bool TryParseTimestamp(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    private static bool TryParseDate(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    private static bool TryParseText(string text, out string value)
    {
        value = text;
        return true;
    }

    private static IOrderedQueryable<Deal> NullsLast<TKey>(IQueryable<Deal> deals, Expression<Func<Deal, TKey>> key, bool descending)
    {
        var body = Expression.Equal(key.Body, Expression.Constant(null, key.Body.Type));
        var isNull = Expression.Lambda<Func<Deal, bool>>(body, key.Parameters);
        var nullsLast = deals.OrderBy(isNull);
        return descending ? nullsLast.ThenByDescending(key) : nullsLast.ThenBy(key);
    }
}
