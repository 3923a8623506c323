using System.Globalization;

namespace LoansBench;

/// <summary>
/// The lines of a dense term sheet page: a key/value table, then prose with fees and covenants, about
/// 45 lines, as much as an A4 page holds in 9-point type. Every page is different, so no work is cached.
/// </summary>
public static class SampleTermSheet
{
    public static IReadOnlyList<(string Label, string Value)> Rows(int page) =>
    [
        ("Borrower", $"Northwind Logistics {page} LLC, a Delaware limited liability company"),
        ("Guarantor", "Northwind Holdings Inc. and each material domestic subsidiary"),
        ("Administrative Agent", "First Harbor Bank, N.A."),
        ("Facility", "Senior secured term loan facility"),
        ("Facility Amount", string.Create(CultureInfo.InvariantCulture, $"USD {25_000_000 + page * 1_000:N0}")),
        ("Incremental Facility", "Uncommitted accordion of up to USD 10,000,000"),
        ("Signing Date", "14 March 2025"),
        ("Closing Date", "30 June 2026"),
        ("Interest Rate", "Term SOFR + 2.75% per annum"),
        ("Default Interest", "+2.00% per annum on overdue amounts"),
        ("Maturity Date", "30 June 2031"),
        ("Upfront Fee", "0.50% of the Facility Amount, payable on the Closing Date"),
        ("Commitment Fee", "0.35% per annum on undrawn commitments"),
        ("Agency Fee", "USD 50,000 per annum"),
        ("Maximum Total Leverage Ratio", "3.50x, tested quarterly"),
        ("Minimum Interest Coverage Ratio", "3.00x, tested quarterly"),
    ];

    public static IReadOnlyList<string> Prose(int page) =>
    [
        $"Section {page}. The Borrower shall deliver audited annual financial statements within 120 days after",
        "the end of each financial year and unaudited quarterly statements within 45 days after each quarter end,",
        "together with a compliance certificate showing the calculations of the financial covenants in reasonable",
        "detail. Voluntary prepayments are permitted at any time without premium, subject to breakage costs.",
        "Mandatory prepayments apply from asset sale proceeds above USD 2,000,000 and from debt issuance proceeds.",
        "The Facility will be secured by a first-priority lien on substantially all assets of the Borrower and the",
        "Guarantors, subject to customary exceptions. Representations and warranties, affirmative and negative",
        "covenants and events of default are customary for facilities of this type, with thresholds to be agreed.",
        "Assignments require the consent of the Borrower, not to be unreasonably withheld, and of the Agent, in",
        "minimum amounts of USD 1,000,000. The Borrower shall maintain a Total Net Leverage Ratio not exceeding",
        "3.50:1.00 and an Interest Coverage Ratio of at least 3.00:1.00, each tested on the last day of each quarter.",
        "Capital Expenditures shall not exceed USD 5,000,000 in any financial year, with a one-year carry forward.",
        "This summary is confidential and does not constitute a commitment to lend or an offer to arrange finance.",
        "Governing law: New York. Jurisdiction: the state and federal courts located in the Borough of Manhattan.",
        "All reasonable and documented out-of-pocket expenses of the Agent are for the account of the Borrower.",
        "Interest periods of one or three months at the option of the Borrower; interest payable at the end of each.",
        "Amortisation of 1.25% of the original principal amount per quarter, with the balance payable at maturity.",
        "Conditions precedent customary for facilities of this type, including legal opinions and KYC checks.",
        "Information undertakings include budgets, notices of litigation and notices of defaults when they occur.",
        "The Lenders may grant waivers and amendments by Majority Lenders, except for sacred rights matters.",
        "Tax gross-up, increased costs and indemnities customary for syndicated facilities of this kind apply.",
        "Defaulting Lender provisions and yank-the-bank rights are included in the facility agreement.",
        "Each Lender's commitment terminates on the earlier of the Closing Date and 31 December 2026.",
        "Notices are given in writing to the addresses set out in the facility agreement, by e-mail if agreed.",
        "The facility agreement prevails over this summary if they differ in any respect whatsoever.",
        "This page is one of several pages of the same document, repeated for measurement purposes only.",
        "Nothing in this summary obliges any party to enter into the facility agreement described herein.",
        "Counterparts and electronic signatures are permitted; the agreement takes effect when all have signed.",
    ];
}
