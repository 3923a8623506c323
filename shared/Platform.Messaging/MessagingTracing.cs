using System.Diagnostics;

namespace Platform.Messaging;

/// <summary>The messaging building block's traces (source <c>Platform.Messaging</c>).</summary>
internal static class MessagingTracing
{
    public static readonly ActivitySource Source = new("Platform.Messaging");
}
