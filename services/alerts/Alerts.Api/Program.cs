using Alerts.Api;
using Alerts.Application.Persistence;
using Alerts.Infrastructure;
using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("alerts");
builder.AddAlertsInfrastructure();
builder.AddAlertsApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapAlertsEndpoints();
app.MapMessagingAdmin<AlertsDb>("/api/v1/alerts/admin");

if (await app.PrepareAsync(args))
{
    await app.RunAsync();
}

public partial class Program;
