using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MarketData.Providers.Tests")]
