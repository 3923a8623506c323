using Identity.Api;
using Identity.Infrastructure;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("identity");
builder.AddIdentityInfrastructure();
builder.AddIdentityApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapIdentityEndpoints();

if (await app.PrepareAsync(args))
{
    await app.RunAsync();
}

public partial class Program;
