using System.Globalization;

namespace GovHall.Core.Storage;

// What a file's name may hold. Names are only shown, never used as paths (files are kept by
// their hash), but a name is read by people: a right-to-left override (U+202E) makes
// "txt.exe.pdf" look like "fdp.exe.txt", and zero-width or other invisible format and control
// characters make two names look alike. Such names are refused when a file is received.
public static class FileNames
{
    public static bool HasHiddenCharacters(string name) =>
        name.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);

    public const string HiddenCharactersMessage =
        "文件名含有看不见的控制字符或改变文字方向的字符（如 U+202E），可能让人看错文件类型，请改名后重新上传。";
}
