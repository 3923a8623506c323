using Identity.Api;
using Identity.Application.Persistence;
using Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<IdentityDb>(IdentityApi.Service);
builder.AddIdentityApi();

var app = builder.Build();
app.UsePlatformService();
app.MapIdentityEndpoints();
await app.RunPlatformServiceAsync(args);

public partial class Program;
