using Alerts.Api;
using Alerts.Application.Persistence;
using Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<AlertsDb>(AlertsApi.Service);
builder.AddAlertsApi();

var app = builder.Build();
app.UsePlatformService();
app.MapAlertsEndpoints();
await app.RunPlatformServiceAsync(args);

public partial class Program;
