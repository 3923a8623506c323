using Loans.TermSheets.Generator;

// Regenerates the DOCX and PDF term sheets of the loans extraction corpus from Sources/docx/*.tsm and Sources/pdf/*.tsm.
// Usage: dotnet run --project tests/Loans.TermSheets.Generator -c Release -- tests/Loans.Tests/TermSheets
var output = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("tests", "Loans.Tests", "TermSheets"));
var sources = Path.Combine(AppContext.BaseDirectory, "Sources");
Directory.CreateDirectory(output);
Fonts.Install();

var written = 0;
foreach (var format in new[] { "docx", "pdf" })
{
    foreach (var file in Directory.GetFiles(Path.Combine(sources, format), "*.tsm").Order(StringComparer.Ordinal))
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var source = Markup.Parse(name, File.ReadAllText(file));
        var bytes = format == "pdf" ? PdfWriter.Write(source) : DocxWriter.Write(source);
        var target = Path.Combine(output, $"{name}.{format}");
        File.WriteAllBytes(target, bytes);
        Console.WriteLine($"{target} ({bytes.Length:N0} bytes)");
        written++;
    }
}

Console.WriteLine($"{written} documents written to {output}");
