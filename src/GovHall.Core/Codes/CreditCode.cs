namespace GovHall.Core.Codes;

// 统一社会信用代码 (GB 32100-2015): 17 characters plus a check character over the alphabet
// 0-9 A-H J-N P-R T-U W-Y (no I, O, S, V, Z), weights 3^i mod 31.
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static CodeCheck Check(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length != 18)
        {
            return CodeCheck.WrongLength;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var digit = Alphabet.IndexOf(value[i], StringComparison.Ordinal);
            if (digit < 0)
            {
                return CodeCheck.BadCharacter;
            }

            sum += digit * Weights[i];
        }

        if (Alphabet.IndexOf(value[17], StringComparison.Ordinal) < 0)
        {
            return CodeCheck.BadCharacter;
        }

        return Alphabet[(31 - (sum % 31)) % 31] == value[17] ? CodeCheck.Valid : CodeCheck.WrongCheckCharacter;
    }
}

public enum CodeCheck { Valid, WrongLength, BadCharacter, WrongCheckCharacter }
