namespace GovHall.Core.Storage;

public static class FileSniffer
{
    public static string ContentTypeOf(ReadOnlySpan<byte> content) => content switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x50, 0x4B, 0x03, 0x04, ..] when IsWordDocument(content) => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [0x50, 0x4B, 0x03, 0x04, ..] => "application/zip",
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => "application/msword",
        _ => "application/octet-stream",
    };

    private static bool IsWordDocument(ReadOnlySpan<byte> content) =>
        content.IndexOf("word/"u8) >= 0 && content.IndexOf("[Content_Types].xml"u8) >= 0;
}
