using System.Text;
using UglyToad.PdfPig.Content;

namespace Loans.Infrastructure.Extraction;

/// <summary>
/// Rebuilds a page's lines from PdfPig's words: words whose baselines agree form one line, top to
/// bottom, left to right. A table row therefore stays one line ("Borrower    Northwind Logistics LLC"),
/// with a tab where a wide gap separates cells, which the rules read as a label's separator.
/// </summary>
internal static class PdfLines
{
    /// <summary>How far apart, in character widths, two words on a line must be to be separate cells.</summary>
    private const double CellGap = 2.5;

    public static string Text(IEnumerable<Word> pageWords)
    {
        var words = pageWords.Where(w => !string.IsNullOrWhiteSpace(w.Text)).OrderByDescending(w => w.BoundingBox.Bottom).ThenBy(w => w.BoundingBox.Left).ToList();
        var lines = new List<List<Word>>();
        foreach (var word in words)
        {
            var line = lines.Count > 0 ? lines[^1] : null;
            var tolerance = Math.Max(1.0, 0.4 * Math.Max(word.BoundingBox.Height, line?[0].BoundingBox.Height ?? 0));
            if (line is not null && Math.Abs(line[0].BoundingBox.Bottom - word.BoundingBox.Bottom) <= tolerance)
            {
                line.Add(word);
            }
            else
            {
                lines.Add([word]);
            }
        }

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            line.Sort((a, b) => a.BoundingBox.Left.CompareTo(b.BoundingBox.Left));
            var charWidth = line.Average(w => w.BoundingBox.Width / Math.Max(1, w.Text.Length));
            for (var i = 0; i < line.Count; i++)
            {
                if (i > 0)
                {
                    var gap = line[i].BoundingBox.Left - line[i - 1].BoundingBox.Right;
                    text.Append(gap > CellGap * charWidth ? '\t' : ' ');
                }

                text.Append(line[i].Text);
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
