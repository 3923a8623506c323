using MarketData.Api;
using MarketData.Application.Persistence;
using Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<MarketDataDb>(MarketDataApi.Service);
builder.AddMarketDataApi();

var app = builder.Build();
app.UsePlatformService();
app.MapMarketDataApi();
await app.RunPlatformServiceAsync(args);

public partial class Program;
