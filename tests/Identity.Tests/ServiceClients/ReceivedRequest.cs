namespace Identity.Tests.ServiceClients;

public sealed record ReceivedRequest(string Method, string Path, DateTimeOffset At, string Authorization);
