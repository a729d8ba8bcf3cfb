using GovHall.Core.Codes;

namespace GovHall.Core.Catalog;

// Codes of the implementation list. The basic code (基本编码) is 12 digits; the implementation
// code (实施编码) is 31 characters: the implementing body's credit code (18), the level of
// government (1 digit, 1 national … 4 county/district, 5 township) and the basic code (12).
// See docs/catalog-format.md#codes.
public static class ItemCode
{
    public const int Length = 31;
    public const int BasicLength = 12;

    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));

    public static bool IsBasicCode(string? code) => code is { Length: BasicLength } && code.All(char.IsAsciiDigit);

    public static IEnumerable<Error> Check(string? code, string? basicCode, string? bodyCreditCode, string field)
    {
        code ??= "";
        if (!IsBasicCode(basicCode))
        {
            yield return new Error("item.basic_code", "基本编码应为 12 位数字。", "BasicCode");
        }

        if (code.Length != Length)
        {
            yield return new Error("item.code", $"实施编码应为 {Length} 位（统一社会信用代码 18 位 + 行使层级 1 位 + 基本编码 12 位），当前为 {code.Length} 位。", field);
            yield break;
        }

        var credit = code[..18];
        var level = code[18];
        var basic = code[19..];
        var check = CreditCode.Check(credit);
        if (check != CodeCheck.Valid)
        {
            yield return new Error("item.code", check == CodeCheck.WrongCheckCharacter
                ? "实施编码前 18 位的统一社会信用代码校验位不正确。"
                : "实施编码前 18 位不是有效的统一社会信用代码。", field);
        }
        else if (!string.Equals(credit, bodyCreditCode, StringComparison.Ordinal))
        {
            yield return new Error("item.code", "实施编码前 18 位应与实施主体的统一社会信用代码一致。", field);
        }

        if (level is < '1' or > '5')
        {
            yield return new Error("item.code", "实施编码第 19 位（行使层级）应为 1 至 5。", field);
        }

        if (IsBasicCode(basicCode) && !string.Equals(basic, basicCode, StringComparison.Ordinal))
        {
            yield return new Error("item.code", "实施编码后 12 位应与基本编码一致。", field);
        }
    }
}
