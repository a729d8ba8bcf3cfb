using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GovHall.Core.Cases;

// The one code (一码) that finds a case: 11 symbols from a cryptographic random source and one
// check symbol, in Crockford's Base32 alphabet (no I, L, O, U), shown in groups of four so it
// can be read aloud over the phone: 7K3M-9QXD-2HB9. 55 random bits: not guessable, and the
// check symbol (Luhn mod 32) catches every single wrong symbol and most swapped neighbours
// before a lookup is even made. Uniqueness is the database's job (a unique index).
// See docs/tracking-code.md.
public readonly record struct TrackingCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 12;

    private TrackingCode(string value) => Value = value;

    // The canonical form: 12 symbols, upper case, no separators.
    public string Value { get; }

    public static TrackingCode New()
    {
        Span<char> symbols = stackalloc char[Length];
        for (var i = 0; i < Length - 1; i++)
        {
            symbols[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        symbols[Length - 1] = CheckSymbol(symbols[..^1]);
        return new TrackingCode(new string(symbols));
    }

    // Accepts what people type: any case, spaces or hyphens, and the look-alikes O→0, I/L→1.
    public static bool TryParse(string? text, out TrackingCode code)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 30)
        {
            return false;
        }

        // As typed with a Chinese input method too: full-width letters and digits, the
        // ideographic space, full-width hyphens and dashes count as their plain forms.
        var normalized = new StringBuilder(Length);
        foreach (var raw in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(raw) || CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.DashPunctuation)
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw);
            switch (c)
            {
                case 'O':
                    c = '0';
                    break;
                case 'I' or 'L':
                    c = '1';
                    break;
            }

            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }

            normalized.Append(c);
        }

        if (normalized.Length != Length)
        {
            return false;
        }

        var value = normalized.ToString();
        if (CheckSymbol(value.AsSpan(0, Length - 1)) != value[^1])
        {
            return false;
        }

        code = new TrackingCode(value);
        return true;
    }

    // 7K3M-9QXD-2HB9
    // A stored code as people read it (7K3M-9QXD-2HB9).
    public static string Display(string stored) => TryParse(stored, out var code) ? code.ToString() : stored;

    public override string ToString() => Value is null ? "" : $"{Value[..4]}-{Value[4..8]}-{Value[8..]}";

    // Luhn mod N (N = 32) over the symbols' positions in the alphabet.
    private static char CheckSymbol(ReadOnlySpan<char> payload)
    {
        const int n = 32;
        var factor = 2;
        var sum = 0;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(payload[i], StringComparison.Ordinal);
            factor = factor == 2 ? 1 : 2;
            sum += (addend / n) + (addend % n);
        }

        return Alphabet[(n - (sum % n)) % n];
    }
}
