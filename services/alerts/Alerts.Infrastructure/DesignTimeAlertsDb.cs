using Alerts.Application.Persistence;
using Platform.Persistence;

namespace Alerts.Infrastructure;

internal sealed class DesignTimeAlertsDb() : DesignTimeFactory<AlertsDb>(AlertsDb.Schema);
