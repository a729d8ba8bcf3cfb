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
}
