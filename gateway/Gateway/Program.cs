using Gateway;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.AddGateway();

var app = builder.Build();
app.UseGateway();
app.Run();

// Visible to WebApplicationFactory<Program> in the gateway tests.
public partial class Program;
