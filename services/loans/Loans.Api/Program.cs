using Loans.Api;
using Loans.Api.Endpoints;
using Loans.Application.Persistence;
using Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformService<LoansDb>(LoansApi.Service);
builder.AddLoansApi();

var app = builder.Build();
app.UsePlatformService();
app.MapLoanEndpoints();
await app.RunPlatformServiceAsync(args);

public partial class Program;
