using System.Linq.Expressions;
using Alerts.Domain;

namespace Alerts.Application.Alerts;

/// <summary>An alert as the API and the stream return it.</summary>
public sealed record AlertView(
    Guid Id,
    long Sequence,
    AlertSeverity Severity,
    AlertCategory Category,
    string Title,
    string Message,
    string SubjectType,
    string SubjectId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? DismissedAt)
{
    public static readonly Expression<Func<Alert, AlertView>> Projection = a => new AlertView(
        a.Id, a.Sequence, a.Severity, a.Category, a.Title, a.Message, a.SubjectType, a.SubjectId, a.CreatedAt, a.ReadAt, a.DismissedAt);
}
