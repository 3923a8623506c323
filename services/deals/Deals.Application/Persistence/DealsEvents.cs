using Deals.Domain;
using Platform.Contracts.Deals;
using Platform.Messaging.Outbox;

namespace Deals.Application.Persistence;

/// <summary>What the deals service tells others: each deal event with the name and owner a consumer needs to act on it.</summary>
public sealed class DealsEvents : IntegrationEventMap
{
    public DealsEvents()
    {
        Publish<Deal, DealCreatedEvent>((deal, e) => new DealCreated(Id(e), e.OccurredAt, e.DealId, deal.Name, deal.OwnerId, deal.TargetTicker, deal.AcquirerTicker));
        Publish<Deal, DealUpdatedEvent>((deal, e) => new DealUpdated(Id(e), e.OccurredAt, e.DealId, deal.Name, deal.OwnerId, e.EditorId, e.ReturnedToDraft));
        Publish<Deal, DealSubmittedForReviewEvent>((deal, e) => new DealSubmittedForReview(Id(e), e.OccurredAt, e.DealId, deal.Name, deal.OwnerId, e.SubmittedBy));
        Publish<Deal, DealApprovedEvent>((deal, e) => new DealApproved(Id(e), e.OccurredAt, e.DealId, deal.Name, deal.OwnerId, e.ReviewerId, e.Comment));
        Publish<Deal, DealRejectedEvent>((deal, e) => new DealRejected(Id(e), e.OccurredAt, e.DealId, deal.Name, deal.OwnerId, e.ReviewerId, e.Comment));
        Publish<Deal, DealDeletedEvent>((deal, e) => new DealDeleted(Id(e), e.OccurredAt, e.DealId, deal.Name, deal.OwnerId, e.DeletedBy));
        Publish<Deal, DealRestoredEvent>((deal, e) => new DealRestored(Id(e), e.OccurredAt, e.DealId, deal.Name, deal.OwnerId, e.RestoredBy));
    }

    // Time-ordered, so event ids sort the way the events happened.
    private static Guid Id(DealEvent e) => Guid.CreateVersion7(e.OccurredAt);
}
