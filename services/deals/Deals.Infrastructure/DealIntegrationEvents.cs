using Deals.Domain;
using Platform.Contracts;
using Platform.Contracts.Deals;
using Platform.Messaging.Outbox;
using Platform.SharedKernel;

namespace Deals.Infrastructure;

/// <summary>What the deals service tells others: each deal event with the name and owner a consumer needs to act on it.</summary>
internal sealed class DealIntegrationEvents : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(AggregateRoot aggregate, IDomainEvent domainEvent)
    {
        if (aggregate is not Deal deal || domainEvent is not DealEvent dealEvent)
        {
            return null;
        }

        var id = Guid.CreateVersion7(dealEvent.OccurredAt);
        var at = dealEvent.OccurredAt;
        return dealEvent switch
        {
            DealCreatedEvent e => new DealCreated(id, at, e.DealId, deal.Name, deal.OwnerId, deal.TargetTicker, deal.AcquirerTicker),
            DealUpdatedEvent e => new DealUpdated(id, at, e.DealId, deal.Name, deal.OwnerId, e.EditorId, e.ReturnedToDraft),
            DealSubmittedForReviewEvent e => new DealSubmittedForReview(id, at, e.DealId, deal.Name, deal.OwnerId, e.SubmittedBy),
            DealApprovedEvent e => new DealApproved(id, at, e.DealId, deal.Name, deal.OwnerId, e.ReviewerId, e.Comment),
            DealRejectedEvent e => new DealRejected(id, at, e.DealId, deal.Name, deal.OwnerId, e.ReviewerId, e.Comment),
            DealDeletedEvent e => new DealDeleted(id, at, e.DealId, deal.Name, deal.OwnerId, e.DeletedBy),
            DealRestoredEvent e => new DealRestored(id, at, e.DealId, deal.Name, deal.OwnerId, e.RestoredBy),
            _ => null,
        };
    }
}
