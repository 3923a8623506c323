using Platform.Hosting;
using Portfolio.Api;
using Portfolio.Application.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<PortfolioDb>(PortfolioApi.Service);
builder.AddPortfolioApi();

var app = builder.Build();
app.UsePlatformService();
app.MapPortfolioApi();
await app.RunPlatformServiceAsync(args);

public partial class Program;
