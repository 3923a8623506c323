using Gateway;
using Platform.ServiceDefaults;

GatewayRuntime.PreferInlineSocketCompletions();
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.AddGateway();
builder.UseInlineScheduling();

var app = builder.Build();
app.UseGateway();
app.Run();

// Visible to WebApplicationFactory<Program> in the gateway tests.
public partial class Program;
