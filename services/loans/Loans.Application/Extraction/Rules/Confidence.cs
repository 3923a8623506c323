namespace Loans.Application.Extraction.Rules;

/// <summary>
/// How sure a rule is, by how the value was found. The order matters more than the figures: a value in a
/// labelled cell beats one read from prose, which beats a value derived from other terms or guessed
/// from a title, so when two rules disagree the stronger evidence wins.
/// </summary>
internal static class Confidence
{
    /// <summary>A label, an explicit separator (colon, bar, tab, wide gap) and the value.</summary>
    public const decimal LabelledCell = 0.95m;

    /// <summary>A label followed by the value after a single space, or on the next line.</summary>
    public const decimal LabelledLine = 0.85m;

    /// <summary>A pattern in running text ("made available to X (the "Borrower")").</summary>
    public const decimal Prose = 0.75m;

    /// <summary>Computed from other terms (a tenor from the closing date, the currency of the amount).</summary>
    public const decimal Derived = 0.7m;

    /// <summary>Weak evidence, such as the facility named in the document's title.</summary>
    public const decimal Guess = 0.55m;

    /// <summary>How much weaker a value becomes when it depends on a separator-less label.</summary>
    public static decimal ForSeparator(bool explicitSeparator) => explicitSeparator ? LabelledCell : LabelledLine;
}
