using MassTransit;

namespace Alerts.Application.Consumers;

public static class AlertConsumers
{
    /// <summary>Every event alerts consumes, one queue each.</summary>
    public static void AddAlertConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<UserRegisteredConsumer>();
        bus.AddConsumer<UserRolesChangedConsumer>();
        bus.AddConsumer<UserDeactivatedConsumer>();
        bus.AddConsumer<UserSynchronizedConsumer>();
        bus.AddConsumer<DealSubmittedForReviewConsumer>();
        bus.AddConsumer<DealApprovedConsumer>();
        bus.AddConsumer<DealRejectedConsumer>();
        bus.AddConsumer<LoanBookingSubmittedConsumer>();
        bus.AddConsumer<LoanBookingApprovedConsumer>();
        bus.AddConsumer<LoanBookingRejectedConsumer>();
        bus.AddConsumer<LoanBookingBookedConsumer>();
        bus.AddConsumer<LoanDocumentExtractedConsumer>();
        bus.AddConsumer<LoanDocumentExtractionFailedConsumer>();
        bus.AddConsumer<PricesUpdatedConsumer>();
        bus.AddConsumer<PortfolioRiskCalculatedConsumer>();
        bus.AddConsumer<JobFailedConsumer>();
        bus.AddConsumer<RiskLimitBreachedConsumer>();
    }
}
