using GovHall.Core.Catalog;
using GovHall.Core.Storage;

namespace GovHall.Core.Cases;

// Which materials an application for one situation needs, and the rules for the files given
// for them. A paper-only material is brought to the counter; one the government obtains
// itself (来源: 政府部门核发) is not asked for (免于提交); one the online application itself
// provides (its form, its declaration) is not uploaded.
public static class CaseMaterials
{
    public static IReadOnlyList<RequiredMaterial> For(ItemContent content, string situation)
    {
        var chosen = content.Situations.FirstOrDefault(s => s.Name == situation);
        var all = new List<RequiredMaterial>(content.Materials);
        foreach (var material in chosen?.Materials ?? [])
        {
            all.RemoveAll(m => m.Name == material.Name);
            all.Add(material);
        }

        return all;
    }

    public static bool Uploadable(RequiredMaterial material) =>
        material.Form != MaterialForm.Paper && material.Source != MaterialSource.Government && material.ProvidedOnline is null;

    // Why a material takes no upload, for the check page and the case (short) and for the
    // materials page and the receipt (whole); null when it takes one.
    public static string? WithoutUpload(RequiredMaterial material) => material switch
    {
        { ProvidedOnline: { } online } => GuideText.Of(online),
        { Source: MaterialSource.Government } => "免于提交",
        { Form: MaterialForm.Paper } => "提交纸质件",
        _ => null,
    };

    public static string? WithoutUploadNote(RequiredMaterial material) => material switch
    {
        { ProvidedOnline: OnlineProvision.Form } => "您在网上填写的申请表单即为该材料，由系统生成，无需上传。",
        { ProvidedOnline: OnlineProvision.Declaration } => "提交申请时勾选的承诺即为您在网上签署的该材料，无需上传。",
        { Source: MaterialSource.Government } => "由部门通过数据共享获取，您无需提交（免于提交）。",
        { Form: MaterialForm.Paper } => "该材料需提交纸质件，请按办事指南带到窗口。",
        _ => null,
    };

    public static bool MustUpload(RequiredMaterial material) =>
        Uploadable(material) && material.Necessity == MaterialNecessity.Required;

    public static string FieldOf(string material) => $"material:{material}";

    // The material's own size limit; a page asks this before it reads an upload into memory.
    public static Error? CheckSize(RequiredMaterial material, string? fileName, long length) =>
        length > material.MaxFileSizeMb * 1024L * 1024L
            ? new Error("file.too_large", $"文件“{fileName}”超过了 {material.MaxFileSizeMb} MB 的上限。", FieldOf(material.Name))
            : null;

    // Whether a file already in the store (its content checked when it came) fits a material:
    // its size, and a type by name that the material accepts. Used for a new upload and for a
    // file the person gave before.
    public static Error? CheckKept(RequiredMaterial material, string fileName, long length)
    {
        if (CheckSize(material, fileName, length) is { } tooLarge)
        {
            return tooLarge;
        }

        return TypeOfName(fileName) is { } named && material.FileTypes.Contains(named)
            ? null
            : new Error("file.type_not_allowed", $"“{material.Name}”只能上传 {string.Join("、", material.FileTypes.Select(Label))} 文件。", FieldOf(material.Name));
    }

    // Whether a file the person gave before may be given for this material now: not already
    // given for it, room for one more, and fitting it. The page offers only such files, and
    // the reuse itself is refused by the same rule.
    public static Error? CheckReuse(RequiredMaterial material, string fileName, string sha256, long length, IReadOnlyCollection<string> givenForMaterial)
    {
        if (givenForMaterial.Contains(sha256))
        {
            return AlreadyGiven(material, fileName);
        }

        return givenForMaterial.Count >= material.MaxFiles
            ? TooMany(material)
            : CheckKept(material, fileName, length);
    }

    // The same bytes given twice for one material (a second press, a page left open, the same
    // scan chosen again) make one file, not two.
    public static Error AlreadyGiven(RequiredMaterial material, string? fileName) =>
        new("file.already_given", $"文件“{fileName}”已经作为“{material.Name}”提交了。", FieldOf(material.Name));

    public static Error TooMany(RequiredMaterial material) =>
        new("file.too_many", $"“{material.Name}”最多上传 {material.MaxFiles} 个文件。", FieldOf(material.Name));

    // A file given for a material that takes none online; null when it takes files.
    public static Error? NotUploadable(RequiredMaterial material) =>
        Uploadable(material) ? null : new Error("file.not_accepted", $"“{material.Name}”无需在网上提交。", FieldOf(material.Name));

    // Checks one file before anything is stored: that the material takes one more, then its
    // name, size and that its content is what its name says and what the material accepts.
    public static Error? CheckUpload(RequiredMaterial material, string? fileName, ReadOnlySpan<byte> content, int filesAlready)
    {
        if (NotUploadable(material) is { } notUploadable)
        {
            return notUploadable;
        }

        return filesAlready >= material.MaxFiles ? TooMany(material) : CheckContent(material, fileName, content);
    }

    // The file itself: its name, size, and that its content is what its name says and what the
    // material accepts.
    public static Error? CheckContent(RequiredMaterial material, string? fileName, ReadOnlySpan<byte> content)
    {
        var field = FieldOf(material.Name);

        // A name is only shown, never a path (files are kept by their hash), so "申请表..最终版.pdf"
        // is a name like any other; one without separators cannot lead anywhere.
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > 200 || fileName.IndexOfAny(['/', '\\', '\0']) >= 0
            || Path.GetFileNameWithoutExtension(fileName).Trim('.', ' ').Length == 0)
        {
            return new Error("file.bad_name", "文件名不能为空，不能只有扩展名，不能包含路径（/ 或 \\），不能超过 200 个字。", field);
        }

        if (FileNames.HasHiddenCharacters(fileName))
        {
            return new Error("file.bad_name", FileNames.HiddenCharactersMessage, field);
        }

        if (content.Length == 0)
        {
            return new Error("file.empty", $"文件“{fileName}”是空的，请重新选择。", field);
        }

        if (CheckKept(material, fileName, content.Length) is { } refused)
        {
            return refused;
        }

        var named = TypeOfName(fileName)!.Value;
        var actual = TypeOfContent(content);
        if (actual != named)
        {
            return new Error("file.type_mismatch", $"文件“{fileName}”的内容不是 {Label(named)} 文件，请检查后重新上传。", field);
        }

        return null;
    }

    public static UploadType? TypeOfName(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".pdf" => UploadType.Pdf,
        ".jpg" or ".jpeg" => UploadType.Jpeg,
        ".png" => UploadType.Png,
        _ => null,
    };

    public static UploadType? TypeOfContent(ReadOnlySpan<byte> content) => FileSniffer.ContentTypeOf(content) switch
    {
        "application/pdf" => UploadType.Pdf,
        "image/jpeg" => UploadType.Jpeg,
        "image/png" => UploadType.Png,
        _ => null,
    };

    public static string Label(UploadType type) => type switch
    {
        UploadType.Pdf => "PDF",
        UploadType.Jpeg => "JPEG",
        UploadType.Png => "PNG",
    };
}
