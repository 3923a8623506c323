using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Messaging.Inbox;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Consumers;

/// <summary>
/// Every new user starts with a default portfolio in US dollars. The inbox applies a message once; a
/// replayed registration (a new message id for the same user) finds the default already there.
/// </summary>
public sealed class UserRegisteredConsumer(PortfolioDb db) : InboxConsumer<UserRegistered, PortfolioDb>(db)
{
    protected override async Task HandleAsync(UserRegistered message, ConsumeContext<UserRegistered> context)
    {
        if (await Db.Portfolios.IgnoreQueryFilters().AnyAsync(p => p.OwnerId == message.UserId && p.IsDefault, context.CancellationToken))
        {
            return;
        }

        var name = string.IsNullOrWhiteSpace(message.DisplayName) ? message.Email : message.DisplayName;
        Db.Portfolios.Add(InvestmentPortfolio.CreateDefault(message.UserId, Truncate(name)));
    }

    // The default's name is "<name>'s portfolio"; a very long display name is cut so the name still fits.
    private static string Truncate(string name)
    {
        var room = PortfolioErrors.NameMaxLength - "'s portfolio".Length;
        return name.Length <= room ? name : name[..room];
    }
}
