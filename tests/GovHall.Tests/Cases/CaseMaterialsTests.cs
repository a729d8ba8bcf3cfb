using GovHall.Core.Cases;
using GovHall.Core.Catalog;

namespace GovHall.Tests.Cases;

// Whether a file the person gave before fits another material: the same rules, and the same
// words, as for a new upload.
public sealed class CaseMaterialsTests
{
    private static readonly RequiredMaterial PhotoOnly = new() { Name = "本人近期免冠证件照片", MaxFileSizeMb = 2, FileTypes = [UploadType.Jpeg, UploadType.Png] };

    [Theory]
    [InlineData("照片.jpg", 2L * 1024 * 1024, null, null)]
    [InlineData("照片.PNG", 1000, null, null)]
    [InlineData("申请表.pdf", 1000, "file.type_not_allowed", "“本人近期免冠证件照片”只能上传 JPEG、PNG 文件。")]
    [InlineData("照片.jpg", 2L * 1024 * 1024 + 1, "file.too_large", "文件“照片.jpg”超过了 2 MB 的上限。")]
    [InlineData("说明.txt", 10, "file.type_not_allowed", "“本人近期免冠证件照片”只能上传 JPEG、PNG 文件。")]
    public void FileGivenBefore_FitsAMaterial_ByItsSizeAndType(string fileName, long length, string? code, string? message)
    {
        var refused = CaseMaterials.CheckKept(PhotoOnly, fileName, length);

        Assert.Equal(code, refused?.Code);
        Assert.Equal(message, refused?.Message);
        Assert.Equal(code is null ? null : "material:本人近期免冠证件照片", refused?.Field);
    }

    // A name is shown, never used as a path: two dots inside it are fine; a separator, a name
    // that is only an extension, or a control character is not.
    [Theory]
    [InlineData("申请表..最终版.png", null)]
    [InlineData("照片 (1).png", null)]
    [InlineData(".png", "file.bad_name")]
    [InlineData("...png", "file.bad_name")]
    [InlineData("../照片.png", "file.bad_name")]
    [InlineData("C:\\照片.png", "file.bad_name")]
    [InlineData("照片\u0007.png", "file.bad_name")]
    public void UploadName_IsRefusedOnlyWhenItIsNotAName(string fileName, string? code)
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

        Assert.Equal(code, CaseMaterials.CheckUpload(PhotoOnly, fileName, png, 0)?.Code);
    }
}
