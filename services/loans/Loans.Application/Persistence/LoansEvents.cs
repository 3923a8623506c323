using Platform.Messaging.Outbox;

namespace Loans.Application.Persistence;

/// <summary>What the loans service tells others.</summary>
public sealed class LoansEvents : IntegrationEventMap
{
}
