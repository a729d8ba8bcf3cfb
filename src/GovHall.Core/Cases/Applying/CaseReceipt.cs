using System.Globalization;
using GovHall.Core.Catalog;
using GovHall.Core.Codes;
using GovHall.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// The receipt for received materials (材料接收凭证), as PDF: what was applied for, by whom
// (masked), which files arrived and when, the case number and the one code, with a QR code
// that opens the public query page. It is drawn from the case's own snapshot, so the same
// receipt comes out whenever it is downloaded.
public sealed class CaseReceipt(HallDbContext db)
{
    public async Task<byte[]> RenderAsync(Case submitted, string queryUrl, CancellationToken cancellationToken)
    {
        var content = await ItemQueries.ContentOfAsync(db, submitted.ItemId, submitted.ItemVersion, cancellationToken);
        var files = await db.CaseFiles.AsNoTracking().Where(f => f.CaseId == submitted.Id).OrderBy(f => f.Position).ToListAsync(cancellationToken);
        var code = Cases.TrackingCode.Display(submitted.TrackingCode);

        using var pdf = new HallPdf("材料接收凭证");
        pdf.QrTopRight(queryUrl, "扫码查询办理进度");
        pdf.Move(8);
        pdf.Title("材料接收凭证");
        pdf.Centered(content.ImplementingBody.Name);
        pdf.Move(18);
        pdf.Field("查询码", code);
        pdf.Field("办件编号", submitted.CaseNumber);
        pdf.Field("事项名称", submitted.ItemName);
        if (submitted.Situation.Length > 0)
        {
            pdf.Field("办理情形", submitted.Situation);
        }

        pdf.Field("申请人", PartyNames.OnReceipt(submitted.ApplicantType, submitted.ApplicantName));
        if (submitted.AgentName is { } agent)
        {
            pdf.Field("经办人", PartyNames.OnReceiptAgent(agent));
        }

        pdf.Field("提交时间", ChinaDate.ToChinaTime(submitted.SubmittedAt).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture));
        pdf.Field("承办科室", submitted.Department);
        pdf.Field("承诺时限", LimitText(submitted.PromisedLimit));
        pdf.Heading("已收到的材料");
        var materials = CaseMaterials.For(content, submitted.Situation);
        var online = materials.Where(m => m.ProvidedOnline is not null).ToList();
        if (files.Count == 0 && online.Count == 0)
        {
            pdf.Paragraph("本次申请未在网上提交材料。");
        }

        foreach (var group in files.GroupBy(f => f.Material))
        {
            pdf.Field(group.Key, string.Join("\n", group.Select(f => $"{f.FileName}（{SizeText(f.Length)}）")));
        }

        foreach (var material in online)
        {
            pdf.Field(material.Name, GuideText.Of(material.ProvidedOnline!.Value));
        }

        var notOnline = materials.Where(m => !CaseMaterials.Uploadable(m) && m.ProvidedOnline is null && files.All(f => f.Material != m.Name)).ToList();
        if (notOnline.Count > 0)
        {
            pdf.Heading("无需在网上提交的材料");
            foreach (var material in notOnline)
            {
                pdf.Paragraph($"{material.Name}：{CaseMaterials.WithoutUploadNote(material)}");
            }
        }

        pdf.Heading("说明");
        pdf.Paragraph("本凭证证明我们已在上述时间收到您在网上提交的申请和材料，不代表已受理。"
            + "我们将依法审查，并通过站内信和短信告知是否受理；需要补正的，将一次性告知需要补正的全部内容。");
        // The receipt carries the code, never the phone's last digits: whoever holds a copy of
        // it sees the progress, not the timeline.
        pdf.Paragraph($"凭查询码可在 {queryUrl.Split("?")[0]} 查询办理进度；再输入申请时登记的联系手机号码（在网上申请的，是申请人账号绑定的手机号码）后四位，可查看完整办理过程。");
        pdf.Paragraph($"咨询电话：{content.Contacts.ConsultPhone}    投诉电话：{content.Contacts.ComplaintPhone}");
        return pdf.Save();
    }

    public static string LimitText(TimeLimit limit) => limit.Value == 0
        ? "即办"
        : $"{limit.Value} 个{(limit.Unit == LimitUnit.WorkingDays ? "工作日" : "自然日")}";

    private static string SizeText(long length) => length >= 1024 * 1024
        ? (length / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : Math.Max(1, length / 1024).ToString(CultureInfo.InvariantCulture) + " KB";
}
