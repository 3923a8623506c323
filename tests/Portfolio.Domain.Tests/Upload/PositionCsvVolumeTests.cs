using System.Diagnostics;
using System.Text;
using Portfolio.Domain.Upload;

namespace Portfolio.Domain.Tests.Upload;

public sealed class PositionCsvVolumeTests
{
    private static byte[] File(int rows)
    {
        var text = new StringBuilder("symbol,quantity,entryPrice,entryDate,tags,strategy,multiplier,currency\r\n", rows * 64);
        for (var i = 1; i <= rows; i++)
        {
            var row = i % 2 == 0
                ? $"AAPL  2{5 + (i % 5)}0116{(i % 4 == 0 ? 'C' : 'P')}{i % 99_999_999:D8},-{i % 50 + 1},{i % 7}.25,2024-0{i % 9 + 1}-1{i % 10},\"hedge;q{i % 4}\",Collar,,USD\r\n"
                : $"T{i % 100_000},{i}.123456,{i % 1000}.5,2025-11-{i % 28 + 1:D2},core,,1,\r\n";
            text.Append(row);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Test]
    public async Task ParseAsync_ReadsTheMaximumNumberOfRows()
    {
        var bytes = File(PositionCsv.MaxRows);
        var stopwatch = Stopwatch.StartNew();

        var result = await PositionCsvTests.Parse(bytes);

        await TestContext.Out.WriteLineAsync($"Parsed {PositionCsv.MaxRows:N0} rows ({bytes.Length:N0} bytes) in {stopwatch.ElapsedMilliseconds} ms");
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Rows, Has.Count.EqualTo(PositionCsv.MaxRows));
        Assert.That(result.Rows[^1].Line, Is.EqualTo(PositionCsv.MaxRows + 1));
    }

    [Test]
    public async Task ParseAsync_WhenThereIsOneRowTooMany_ReportsOneErrorAtThatRow()
    {
        var result = await PositionCsvTests.Parse(File(PositionCsv.MaxRows + 1));

        Assert.That(result.Errors.Single(), Is.EqualTo(new RowError(PositionCsv.MaxRows + 2, "file", "more than 100,000 rows; split the file")));
    }
}
