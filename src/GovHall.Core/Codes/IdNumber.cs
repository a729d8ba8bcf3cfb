using System.Globalization;

namespace GovHall.Core.Codes;

// 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence and a
// check character (0-9 or X) from weights 2^(17-i) mod 11.
public static class IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static string Normalize(string? value) => (value ?? "").Trim().ToUpperInvariant();

    public static CodeCheck Check(string? value)
    {
        var id = Normalize(value);
        if (id.Length != 18)
        {
            return CodeCheck.WrongLength;
        }

        if (!id[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
        {
            return CodeCheck.BadCharacter;
        }

        if (!DateOnly.TryParseExact(id[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth) || birth.Year < 1900)
        {
            return CodeCheck.BadCharacter;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11] == id[17] ? CodeCheck.Valid : CodeCheck.WrongCheckCharacter;
    }

    public static string? Problem(string? value) => Check(value) switch
    {
        CodeCheck.Valid => null,
        CodeCheck.WrongLength => "身份证号码应为 18 位。",
        CodeCheck.BadCharacter => "身份证号码格式不正确（前 17 位应为数字，其中第 7 至 14 位为出生日期，最后一位为数字或 X）。",
        CodeCheck.WrongCheckCharacter => "身份证号码最后一位校验码不正确，请核对。",
    };

    // 310***********1234: enough to recognise one's own, not enough to learn someone else's.
    public static string Mask(string id) => id.Length == 18 ? $"{id[..3]}{new string('*', 11)}{id[14..]}" : "******";
}

public static class MobilePhone
{
    public static string Normalize(string? value) => new((value ?? "").Where(char.IsAsciiDigit).ToArray());

    public static bool IsValid(string? value)
    {
        var phone = Normalize(value);
        return phone.Length == 11 && phone[0] == '1' && phone[1] is >= '3' and <= '9';
    }

    public static string Mask(string phone) => phone.Length == 11 ? $"{phone[..3]}****{phone[7..]}" : "****";
}

public static class PersonName
{
    // 张三 → 张*, 欧阳小明 → 欧***: enough for the person to recognise, not for others.
    public static string Mask(string name) => name.Length <= 1 ? name : name[0] + new string('*', name.Length - 1);
}

public static class PostalAddress
{
    // 上海市闵行区莘庄镇示例路 1 号 → 上海市闵行区********: enough to see the district.
    public static string Mask(string address) => address.Length <= 6 ? address : address[..6] + new string('*', Math.Min(8, address.Length - 6));
}
