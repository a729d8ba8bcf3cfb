using System.Globalization;

namespace GovHall.Core.Catalog;

// Plain Chinese words for the elements of an item, shared by the guide page, the version diff
// and the print view so that all of them say the same thing.
public static class GuideText
{
    public static string Of(ItemKind kind) => kind switch
    {
        ItemKind.License => "行政许可",
        ItemKind.Confirmation => "行政确认",
        ItemKind.Payment => "行政给付",
        ItemKind.Award => "行政奖励",
        ItemKind.Adjudication => "行政裁决",
        ItemKind.OtherPower => "其他行政权力",
        ItemKind.PublicService => "公共服务",
    };

    public static string Of(OnlineDepth depth) => depth switch
    {
        OnlineDepth.Information => "网上查询（办事指南公开）",
        OnlineDepth.Download => "表格下载",
        OnlineDepth.PreReview => "网上预审",
        OnlineDepth.OnlineAcceptance => "网上受理",
        OnlineDepth.FullyOnline => "全程网办",
    };

    public static string Of(ApplicantType type) => type switch
    {
        ApplicantType.Person => "个人",
        ApplicantType.Organization => "法人",
    };

    public static string Of(BasisKind kind) => kind switch
    {
        BasisKind.Establishing => "设定依据",
        BasisKind.Implementing => "实施依据",
    };

    public static string Of(MaterialType type) => type switch
    {
        MaterialType.Certificate => "证件证书证明",
        MaterialType.Form => "申请表格文书",
        MaterialType.Other => "其他",
    };

    public static string Of(MaterialForm form) => form switch
    {
        MaterialForm.Paper => "纸质",
        MaterialForm.Electronic => "电子",
        MaterialForm.PaperAndElectronic => "纸质和电子",
    };

    public static string Of(MaterialNecessity necessity) => necessity switch
    {
        MaterialNecessity.Required => "必要",
        MaterialNecessity.Optional => "非必要",
        MaterialNecessity.Deferrable => "容缺后补",
    };

    public static string Of(MaterialSource source) => source switch
    {
        MaterialSource.Applicant => "申请人自备",
        MaterialSource.Government => "政府部门核发",
        MaterialSource.Other => "其他",
    };

    public static string Of(OnlineProvision provision) => provision switch
    {
        OnlineProvision.Form => "网上填报，系统生成",
        OnlineProvision.Declaration => "网上签署承诺",
    };

    public static string Of(DeliveryWay way) => way switch
    {
        DeliveryWay.ElectronicCertificate => "电子证照",
        DeliveryWay.Pickup => "窗口领取",
        DeliveryWay.Mail => "邮寄送达",
    };

    public static string Of(ResultType type) => type switch
    {
        ResultType.Certificate => "证照",
        ResultType.ApprovalDocument => "批文",
        ResultType.Other => "其他",
    };

    public static string Of(LimitUnit unit) => unit switch
    {
        LimitUnit.WorkingDays => "个工作日",
        LimitUnit.CalendarDays => "个自然日",
    };

    // "20 个工作日", or "即办（当场办结）" for 0.
    public static string Of(TimeLimit limit) =>
        limit.Value == 0 ? "即办（当场办结）" : $"{limit.Value.ToString(CultureInfo.InvariantCulture)} {Of(limit.Unit)}";

    public static string Visits(int visits) => visits == 0 ? "零跑动（0 次）" : $"{visits.ToString(CultureInfo.InvariantCulture)} 次";

    // "原件 1 份，复印件 2 份", only the counts that are not zero; null for a material given only
    // electronically (issue 23: a guide never says "原件 0 份，复印件 0 份").
    public static string? Copies(RequiredMaterial material)
    {
        var parts = new List<string>(2);
        if (material.Originals > 0)
        {
            parts.Add($"原件 {material.Originals.ToString(CultureInfo.InvariantCulture)} 份");
        }

        if (material.Copies > 0)
        {
            parts.Add($"复印件 {material.Copies.ToString(CultureInfo.InvariantCulture)} 份");
        }

        return parts.Count == 0 ? null : string.Join("，", parts);
    }

    // The material's necessity, form and paper copies, as the guide lists them.
    public static string Requirements(RequiredMaterial material, string separator) =>
        string.Join(separator, new[] { Of(material.Necessity), Of(material.Form), Copies(material) }.Where(p => p is not null));
}
