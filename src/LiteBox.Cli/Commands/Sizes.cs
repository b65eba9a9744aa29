namespace LiteBox.Cli.Commands;

/// <summary>Sizes on the command line: bytes, or a number with K, M or G (binary units).</summary>
public static class Sizes
{
    /// <summary>Parses <paramref name="text"/>; false if it is not a size or does not fit in a long.</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        long unit = 1;
        string digits = text;
        if (text.Length > 0 && char.ToUpperInvariant(text[^1]) is 'K' or 'M' or 'G')
        {
            unit = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, _ => 1L << 30 };
            digits = text[..^1];
        }

        if (!long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long value)
            || value > long.MaxValue / unit)
        {
            return false;
        }

        bytes = value * unit;
        return true;
    }
}
