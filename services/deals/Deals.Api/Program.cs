using Deals.Api;
using Deals.Infrastructure;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("deals");
builder.AddDealsInfrastructure();
builder.AddDealsApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDealsEndpoints();

if (await app.PrepareAsync(args))
{
    await app.RunAsync();
}

public partial class Program;
