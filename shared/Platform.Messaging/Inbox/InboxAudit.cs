using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging.Inbox;

/// <summary>
/// With <c>Messaging:LogAppliedMessages=true</c>, one log line per message an inbox consumer applied
/// (after its commit) or acknowledged as a duplicate, naming the message id: with several replicas,
/// their logs tell which one applied each message (benchmarks/alerts-fault.sh with REPLICAS=2).
/// Off by default: a line per message is an audit for a measurement, not for production.
/// </summary>
public sealed partial class InboxAudit(IConfiguration configuration, ILogger<InboxAudit> logger)
{
    public const string Setting = "Messaging:LogAppliedMessages";

    private readonly bool _enabled = configuration.GetValue<bool>(Setting);

    public void Applied(Guid messageId, string consumer)
    {
        if (_enabled)
        {
            LogApplied(logger, messageId, consumer);
        }
    }

    public void Duplicate(Guid messageId, string consumer)
    {
        if (_enabled)
        {
            LogDuplicate(logger, messageId, consumer);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "inbox applied {MessageId} {Consumer}")]
    private static partial void LogApplied(ILogger logger, Guid messageId, string consumer);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "inbox duplicate {MessageId} {Consumer}")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string consumer);
}
