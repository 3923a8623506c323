using System.IO.Compression;
using System.Text;

namespace Loans.Tests.Extraction;

/// <summary>
/// A grayscale PNG of capital letters drawn in a blocky 5x7 font, large enough for OCR: tests need a
/// scan without an imaging library or a file checked in.
/// </summary>
public static class TestImages
{
    private const int Scale = 8;
    private const int Margin = 24;

    private static readonly Dictionary<char, string[]> Glyphs = new()
    {
        ['A'] = [" ### ", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"],
        ['B'] = ["#### ", "#   #", "#   #", "#### ", "#   #", "#   #", "#### "],
        ['C'] = [" ####", "#    ", "#    ", "#    ", "#    ", "#    ", " ####"],
        ['E'] = ["#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#####"],
        ['L'] = ["#    ", "#    ", "#    ", "#    ", "#    ", "#    ", "#####"],
        ['M'] = ["#   #", "## ##", "# # #", "# # #", "#   #", "#   #", "#   #"],
        ['O'] = [" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "],
        ['R'] = ["#### ", "#   #", "#   #", "#### ", "# #  ", "#  # ", "#   #"],
        ['W'] = ["#   #", "#   #", "#   #", "# # #", "# # #", "## ##", "#   #"],
        [' '] = ["     ", "     ", "     ", "     ", "     ", "     ", "     "],
    };

    /// <summary>One line of text in the letters of <see cref="Glyphs"/>, black on white.</summary>
    public static byte[] Png(string text)
    {
        var width = Margin * 2 + text.Length * 6 * Scale;
        var height = Margin * 2 + 7 * Scale;
        var pixels = new byte[height, width];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[y, x] = 255;
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            var glyph = Glyphs[text[i]];
            for (var row = 0; row < 7; row++)
            {
                for (var column = 0; column < 5; column++)
                {
                    if (glyph[row][column] == '#')
                    {
                        Fill(pixels, Margin + (i * 6 + column) * Scale, Margin + row * Scale);
                    }
                }
            }
        }

        return Encode(pixels);
    }

    private static void Fill(byte[,] pixels, int left, int top)
    {
        for (var y = top; y < top + Scale; y++)
        {
            for (var x = left; x < left + Scale; x++)
            {
                pixels[y, x] = 0;
            }
        }
    }

    private static byte[] Encode(byte[,] pixels)
    {
        int height = pixels.GetLength(0), width = pixels.GetLength(1);
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter: none
                for (var x = 0; x < width; x++)
                {
                    zlib.WriteByte(pixels[y, x]);
                }
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, width);
        WriteBigEndian(header, 4, height);
        header[8] = 8; // bit depth
        header[9] = 0; // grayscale
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, (int)Crc32(typeAndData));
        png.Write(crc);
    }

    private static void WriteBigEndian(byte[] buffer, int offset, int value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
