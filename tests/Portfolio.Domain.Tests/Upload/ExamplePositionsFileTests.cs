using Portfolio.Domain.Instruments;
using Portfolio.Domain.Upload;

namespace Portfolio.Domain.Tests.Upload;

/// <summary>Keeps the example in docs/portfolio-upload.md honest.</summary>
public sealed class ExamplePositionsFileTests
{
    private static string ExamplePath()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "examples", "positions.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/examples/positions.csv not found above the test directory.");
    }

    [Test]
    public async Task ExampleFile_IsValid()
    {
        await using var file = File.OpenRead(ExamplePath());

        var result = await PositionCsv.ParseAsync(file, new DateOnly(2026, 12, 5));

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Rows.Select(r => (r.Symbol, r.Type)), Is.EqualTo(new[]
        {
            ("AAPL", PositionType.Long),
            ("BRK.B", PositionType.Short),
            ("SPY   270115P00450000", PositionType.LongPut),
            ("TSLA  261218C00300000", PositionType.ShortCall),
            ("MSFT  261218C00400000", PositionType.LongCall),
        }));
    }
}
