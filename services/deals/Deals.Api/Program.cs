using Deals.Api;
using Deals.Api.Endpoints;
using Deals.Application.Persistence;
using Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<DealsDb>(DealsApi.Service);
builder.AddDealsApi();

var app = builder.Build();
app.UsePlatformService();
app.MapDealEndpoints();
await app.RunPlatformServiceAsync(args);

public partial class Program;
