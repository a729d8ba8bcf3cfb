using GovHall.Core.Codes;

namespace GovHall.Core.Catalog;

// The rules an item must satisfy before it can be published or imported. Each error names the
// element it is about with a path in C# property form ("Materials[2].Name"), so an edit page
// can show it in place and an import can turn it into a line number.
public static class ItemValidator
{
    public const int MaxText = 4000;
    public const int MaxName = 200;

    public static IReadOnlyList<Error> Validate(ItemContent item)
    {
        var errors = new List<Error>();
        void Add(string field, string message) => errors.Add(new Error("item.invalid", message, field));
        void Required(string? value, string field, string label, int max = MaxName)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, $"请填写{label}。");
            }
            else if (value.Length > max)
            {
                Add(field, $"{label}不能超过 {max} 个字。");
            }
        }

        void Optional(string? value, string field, string label, int max = MaxText)
        {
            if (value is { Length: > 0 } && value.Length > max)
            {
                Add(field, $"{label}不能超过 {max} 个字。");
            }
        }

        Required(item.Name, "Name", "事项名称");
        Required(item.ImplementingBody.Name, "ImplementingBody.Name", "实施主体");
        Required(item.ImplementingBody.Department, "ImplementingBody.Department", "承办科室");
        var bodyCheck = CreditCode.Check(item.ImplementingBody.CreditCode);
        if (bodyCheck != CodeCheck.Valid)
        {
            Add("ImplementingBody.CreditCode", bodyCheck == CodeCheck.WrongCheckCharacter
                ? "实施主体统一社会信用代码的校验位不正确。"
                : "实施主体统一社会信用代码应为 18 位，由数字和大写字母（不含 I、O、S、V、Z）组成。");
        }

        foreach (var error in ItemCode.Check(item.Code, item.BasicCode, item.ImplementingBody.CreditCode, "Code"))
        {
            errors.Add(error);
        }

        if (!Enum.IsDefined(item.Kind))
        {
            Add("Kind", "事项类型不正确。");
        }

        if (!Enum.IsDefined(item.OnlineDepth))
        {
            Add("OnlineDepth", "网上办理深度不正确。");
        }

        if (!Enum.IsDefined(item.Result.Type))
        {
            Add("Result.Type", "办理结果类型不正确。");
        }

        if (item.ApplicantTypes.Any(t => !Enum.IsDefined(t)) || item.ApplicantTypes.Distinct().Count() != item.ApplicantTypes.Count)
        {
            Add("ApplicantTypes", "服务对象只能是个人或法人，且不能重复。");
        }

        if (item.Delivery.Any(d => !Enum.IsDefined(d)) || item.Delivery.Distinct().Count() != item.Delivery.Count)
        {
            Add("Delivery", "送达方式不正确或重复。");
        }

        for (var i = 0; i < item.LegalBasis.Count; i++)
        {
            if (!Enum.IsDefined(item.LegalBasis[i].Kind))
            {
                Add($"LegalBasis[{i}].Kind", "依据类别应为设定依据或实施依据。");
            }
        }

        if (item.Topics.Count == 0)
        {
            Add("Topics", "请至少选择一个主题。");
        }

        for (var i = 0; i < item.Topics.Count; i++)
        {
            Required(item.Topics[i], $"Topics[{i}]", "主题", 20);
        }

        for (var i = 0; i < item.Keywords.Count; i++)
        {
            Required(item.Keywords[i], $"Keywords[{i}]", "检索关键词", 20);
        }

        if (!item.LegalBasis.Any(b => b.Kind == BasisKind.Establishing))
        {
            Add("LegalBasis", "请至少填写一条设定依据。");
        }

        for (var i = 0; i < item.LegalBasis.Count; i++)
        {
            var basis = item.LegalBasis[i];
            Required(basis.Law, $"LegalBasis[{i}].Law", "法律法规名称");
            Required(basis.Article, $"LegalBasis[{i}].Article", "条款号", 50);
            Required(basis.Text, $"LegalBasis[{i}].Text", "条款内容", MaxText);
        }

        if (item.ApplicantTypes.Count == 0)
        {
            Add("ApplicantTypes", "请至少选择一种服务对象（个人或法人）。");
        }

        Required(item.Conditions, "Conditions", "受理条件", MaxText);
        Optional(item.QuantityLimit, "QuantityLimit", "数量限制");

        ValidateMaterials(item.Materials, "Materials", Add, Required);
        for (var i = 0; i < item.Situations.Count; i++)
        {
            var situation = item.Situations[i];
            Required(situation.Name, $"Situations[{i}].Name", "情形名称");
            Optional(situation.Description, $"Situations[{i}].Description", "情形说明");
            if (situation.Materials.Count == 0 && item.Materials.Count == 0)
            {
                Add($"Situations[{i}].Materials", "该情形没有任何申请材料，请填写材料或通用材料。");
            }

            ValidateMaterials(situation.Materials, $"Situations[{i}].Materials", Add, Required);
        }

        if (item.Materials.Count == 0 && item.Situations.Count == 0)
        {
            Add("Materials", "请至少填写一项申请材料。");
        }

        if (item.Steps.Count == 0)
        {
            Add("Steps", "请至少填写一个办理环节。");
        }

        for (var i = 0; i < item.Steps.Count; i++)
        {
            var step = item.Steps[i];
            Required(step.Name, $"Steps[{i}].Name", "环节名称");
            Required(step.Role, $"Steps[{i}].Role", "办理角色");
            Optional(step.Description, $"Steps[{i}].Description", "环节说明");
            ValidateLimit(step.TimeLimit, $"Steps[{i}].TimeLimit", "环节时限", Add);
        }

        ValidateLimit(item.StatutoryLimit, "StatutoryLimit", "法定时限", Add);
        ValidateLimit(item.PromisedLimit, "PromisedLimit", "承诺时限", Add);
        if (item.StatutoryLimit.Unit == item.PromisedLimit.Unit && item.StatutoryLimit.Value > 0
            && item.PromisedLimit.Value > item.StatutoryLimit.Value)
        {
            Add("PromisedLimit.Value", "承诺时限不能长于法定时限。");
        }

        if (item.Fees.Charged && item.Fees.Items.Count == 0)
        {
            Add("Fees.Items", "收费事项请填写收费项目、标准和依据。");
        }

        for (var i = 0; i < item.Fees.Items.Count; i++)
        {
            Required(item.Fees.Items[i].Name, $"Fees.Items[{i}].Name", "收费项目名称");
            Required(item.Fees.Items[i].Standard, $"Fees.Items[{i}].Standard", "收费标准");
            Required(item.Fees.Items[i].Basis, $"Fees.Items[{i}].Basis", "收费依据", MaxText);
        }

        if (item.VisitsRequired is < 0 or > 5)
        {
            Add("VisitsRequired", "到现场次数应在 0 至 5 次之间。");
        }

        if (item.OnlineDepth == OnlineDepth.FullyOnline && item.VisitsRequired != 0)
        {
            Add("VisitsRequired", "全程网办的事项到现场次数应为 0 次。");
        }

        if (item.VisitsRequired > 0 && string.IsNullOrWhiteSpace(item.VisitsNote))
        {
            Add("VisitsNote", "需要到现场的事项请说明必须到现场的原因。");
        }

        Optional(item.VisitsNote, "VisitsNote", "到现场原因说明");
        Optional(item.Appointment.Note, "Appointment.Note", "预约说明");
        if (item.Delivery.Count == 0)
        {
            Add("Delivery", "请至少选择一种送达方式。");
        }

        Required(item.Place.Address, "Place.Address", "办理地点");
        Required(item.Place.Hours, "Place.Hours", "办理时间");
        Optional(item.Place.Traffic, "Place.Traffic", "交通指引");
        Required(item.Contacts.ConsultPhone, "Contacts.ConsultPhone", "咨询电话", 50);
        Required(item.Contacts.ComplaintPhone, "Contacts.ComplaintPhone", "投诉电话", 50);
        if (!string.IsNullOrWhiteSpace(item.Contacts.ConsultPhone)
            && string.Equals(item.Contacts.ConsultPhone.Trim(), item.Contacts.ComplaintPhone?.Trim(), StringComparison.Ordinal))
        {
            Add("Contacts.ComplaintPhone", "投诉电话应与咨询电话不同。");
        }

        Required(item.Remedies.ReviewBody, "Remedies.ReviewBody", "行政复议机关");
        Required(item.Remedies.LitigationBody, "Remedies.LitigationBody", "行政诉讼法院");
        Required(item.Result.Name, "Result.Name", "办理结果名称");
        if (item.Result.ValidYears is { } years && (years is < 1 or > 50 || item.Result.Type != ResultType.Certificate))
        {
            Add("Result.ValidYears", "证照有效期应为 1 至 50 年，且只用于证照类办理结果。");
        }

        ValidateFile(item.Result.Sample, "Result.Sample", Add);
        ValidateCertificateFields(item, Add);
        for (var i = 0; i < item.Faqs.Count; i++)
        {
            Required(item.Faqs[i].Question, $"Faqs[{i}].Question", "问题", 500);
            Required(item.Faqs[i].Answer, $"Faqs[{i}].Answer", "解答", MaxText);
        }

        errors.AddRange(FormDefinitionRules.Validate(item.Form, item.Situations.Select(s => s.Name).ToHashSet()));
        return errors;
    }

    // A certificate's lines come from the situation or a top-level form field; its photo from an
    // image material of the item (JPEG or PNG only, so it can be printed).
    private static void ValidateCertificateFields(ItemContent item, Action<string, string> add)
    {
        var fields = item.Result.Fields;
        if ((fields.Count > 0 || item.Result.PhotoMaterial is not null) && item.Result.Type != ResultType.Certificate)
        {
            add("Result.Fields", "证照栏目和照片只用于证照类办理结果。");
            return;
        }

        if (fields.Count > 12)
        {
            add("Result.Fields", "证照栏目最多 12 项。");
        }

        var keys = item.Form.Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(fields[i].Label) || fields[i].Label.Trim().Length > 20)
            {
                add($"Result.Fields[{i}].Label", "请填写证照栏目名称，不超过 20 字。");
            }

            if (fields[i].From != CertificateField.Situation && !keys.Contains(fields[i].From))
            {
                add($"Result.Fields[{i}].From", $"证照栏目“{fields[i].Label}”的来源应为办理情形（situation）或申请表中的一个字段。");
            }
        }

        if (item.Result.PhotoMaterial is { } photo
            && !item.Materials.Concat(item.Situations.SelectMany(s => s.Materials)).Any(m =>
                m.Name == photo && m.FileTypes.Count > 0 && m.FileTypes.All(t => t is UploadType.Jpeg or UploadType.Png)))
        {
            add("Result.PhotoMaterial", $"证照照片应取自本事项的一项只收 JPEG 或 PNG 的材料，没有名为“{photo}”的这种材料。");
        }
    }

    private static void ValidateMaterials(
        List<RequiredMaterial> materials, string path, Action<string, string> add, Action<string?, string, string, int> required)
    {
        for (var i = 0; i < materials.Count; i++)
        {
            var material = materials[i];
            var at = $"{path}[{i}]";
            required(material.Name, $"{at}.Name", "材料名称", MaxName);
            if (!Enum.IsDefined(material.Type) || !Enum.IsDefined(material.Form) || !Enum.IsDefined(material.Necessity) || !Enum.IsDefined(material.Source))
            {
                add($"{at}.Type", "材料类型、提交形式、必要性或来源渠道的取值不正确。");
            }
            if (material.Originals is < 0 or > 20 || material.Copies is < 0 or > 20)
            {
                add($"{at}.Copies", "原件、复印件份数应在 0 至 20 之间。");
            }

            if (material.MaxFiles is < 1 or > 20 || material.MaxFileSizeMb is < 1 or > 20)
            {
                add($"{at}.MaxFiles", "每项材料可上传 1 至 20 个文件，每个文件上限 1 至 20 MB。");
            }

            if (material.FileTypes.Count == 0 || material.FileTypes.Any(t => !Enum.IsDefined(t)) || material.FileTypes.Distinct().Count() != material.FileTypes.Count)
            {
                add($"{at}.FileTypes", "可上传的文件类型只能是 PDF、JPEG、PNG，且不能为空或重复。");
            }

            if (material.IssuedCertificate is { } issued && (issued.Trim().Length == 0 || issued.Length > MaxName || material.Type != MaterialType.Certificate))
            {
                add($"{at}.IssuedCertificate", "可调用的本局电子证照名称不能为空或超过 200 字，且只用于证件证书类材料。");
            }

            if (material.ProvidedOnline is { } online && (!Enum.IsDefined(online) || material.Type != MaterialType.Form
                || material.Form == MaterialForm.Paper || material.Source != MaterialSource.Applicant))
            {
                add($"{at}.ProvidedOnline", "网上填报或网上签署只用于申请人自备的电子申请表格文书类材料。");
            }

            ValidateFile(material.BlankForm, $"{at}.BlankForm", add);
            ValidateFile(material.Sample, $"{at}.Sample", add);
        }
    }

    private static void ValidateFile(FileReference? file, string path, Action<string, string> add)
    {
        if (file is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(file.FileName) || file.FileName.Length > 200
            || file.FileName.IndexOfAny(['/', '\\', '\0']) >= 0 || Storage.FileNames.HasHiddenCharacters(file.FileName))
        {
            add($"{path}.FileName", "文件名不能为空，不能含有路径分隔符，也不能含有看不见的控制字符或改变文字方向的字符。");
        }

        if (!Storage.ContentHash.IsSha256Hex(file.Sha256))
        {
            add($"{path}.Sha256", "文件摘要应为 64 位十六进制 SHA-256。");
        }
    }

    private static void ValidateLimit(TimeLimit limit, string path, string label, Action<string, string> add)
    {
        if (limit.Value is < 0 or > 365)
        {
            add($"{path}.Value", $"{label}应在 0 至 365 天之间（0 表示即办）。");
        }

        if (!Enum.IsDefined(limit.Unit))
        {
            add($"{path}.Unit", $"{label}的单位应为工作日或自然日。");
        }
    }
}
