using System.Globalization;
using GovHall.Core.Catalog;
using GovHall.Core.Codes;
using GovHall.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Cases;

public enum DocumentKind { CorrectionNotice, AcceptanceNotice, RefusalNotice, ExtensionNotice, GrantDecision, DenialDecision, Certificate }

// A notice or decision issued on a case (受理通知书, 一次性告知书, 决定书 …): a PDF in the content
// store, tied to the event that issued it. The applicant sees it in 我的办件.
public sealed class CaseDocument
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public int EventSequence { get; init; }
    public DocumentKind Kind { get; init; }
    public required string Title { get; init; }

    // The letter's 文号 (DocumentNumbers); none for the certificate, which has its own number.
    public string? Number { get; init; }
    public required string Sha256 { get; init; }
    public long Length { get; init; }
    public DateTime CreatedAt { get; init; }

    public string FileName => $"{Title}.pdf";
}

// One point of a correction notice: a material to give again, or (with Field, a form field's
// key) one answer of the application form to change; Material is then the field's label.
public sealed record CorrectionItem(string Material, string Reason, string? Field = null);

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> builder)
    {
        builder.ToTable("case_documents");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.CaseId, d.EventSequence });
        builder.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.Title).HasMaxLength(100);
        builder.Property(d => d.Number).HasMaxLength(100);
        builder.HasIndex(d => d.Number).IsUnique().HasFilter("\"Number\" IS NOT NULL");
        builder.Property(d => d.Sha256).HasMaxLength(64);
    }
}

// What a notice says; CaseNotices draws it. Number is its 文号, VerifyUrl the signed link its
// closing QR code carries.
public sealed record NoticeContent(
    DocumentKind Kind, Case Case, ItemContent Item, DateTime At, string Actor, string Number, string VerifyUrl,
    string? Reason = null, string? LegalBasis = null, IReadOnlyList<CorrectionItem>? Corrections = null,
    DateOnly? Deadline = null, int? ExtensionDays = null, string? CertificateNumber = null);

// Notices and decisions as PDF, each with the bureau's name, the case number and a QR code
// that opens the public query for the case.
public static class CaseNotices
{
    // A deadline counted before its year's holiday arrangement was entered (Case.DeadlineProvisional).
    private const string ProvisionalNote = "。此日期为暂定：期限所在年份的节假日安排尚未公布，暂按周一至周五计算，公布后重新计算，以“一码查询”所示为准";

    // A filing (备案) is confirmed, not granted: its letter and number say so.
    public static bool IsFiling(Case found) => found.ItemName.Contains("备案", StringComparison.Ordinal);

    public static string TitleOf(DocumentKind kind, Case found) => kind switch
    {
        DocumentKind.CorrectionNotice => "补正材料通知书（一次性告知）",
        DocumentKind.AcceptanceNotice => "受理通知书",
        DocumentKind.RefusalNotice => "不予受理通知书",
        DocumentKind.ExtensionNotice => "延长办理期限通知书",
        DocumentKind.GrantDecision => IsFiling(found) ? "备案确认书" : "准予行政许可决定书",
        DocumentKind.DenialDecision => "不予行政许可决定书",
        DocumentKind.Certificate => "电子证照",
    };

    public static byte[] Render(NoticeContent notice, string queryUrl)
    {
        var found = notice.Case;
        var title = TitleOf(notice.Kind, found);
        using var pdf = new HallPdf(title);
        pdf.QrTopRight(queryUrl, "扫码查询办理进度");
        pdf.Move(8);
        pdf.Title(title);
        pdf.Centered(notice.Item.ImplementingBody.Name);
        pdf.Centered(notice.Number, 12);
        pdf.Centered($"办件编号 {found.CaseNumber}", 9);
        pdf.Move(14);
        pdf.Paragraph($"{PartyNames.OnLetter(found.ApplicantName)}：");
        var submitted = ChinaDate.ToChinaTime(found.SubmittedAt).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        switch (notice.Kind)
        {
            case DocumentKind.CorrectionNotice:
                pdf.Paragraph($"你（单位）于 {submitted} 提出的“{found.ItemName}”申请，经审查，申请材料不齐全或者不符合法定形式。"
                    + "根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的全部内容如下：");
                var index = 1;
                foreach (var item in notice.Corrections ?? [])
                {
                    pdf.Field($"{index++}. {item.Material}", item.Reason);
                }

                if (notice.Deadline is { } due)
                {
                    pdf.Field("补正期限", due.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) + "前");
                }

                pdf.Paragraph("请在 我的办件 中按上述内容补正后重新提交。本通知已列出需要补正的全部内容；补正后我们将重新审查，除补正的材料仍不符合要求外，不会再要求补正其他内容。");
                break;
            case DocumentKind.AcceptanceNotice:
                pdf.Paragraph($"你（单位）于 {submitted} 提出的“{found.ItemName}”申请，申请材料齐全、符合法定形式。"
                    + "根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，决定予以受理。");
                pdf.Field("受理日期", ChinaDate.ToChinaTime(notice.At).ToString("yyyy年M月d日", CultureInfo.InvariantCulture));
                pdf.Field("法定办理期限", CaseReceipt.LimitText(found.StatutoryLimit));
                if (notice.Deadline is { } deadline)
                {
                    pdf.Field("应办结日期", deadline.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) + "（依法中止、延期的时间另计）"
                        + (found.DeadlineProvisional ? ProvisionalNote : ""));
                }

                break;
            case DocumentKind.RefusalNotice:
                pdf.Paragraph($"你（单位）于 {submitted} 提出的“{found.ItemName}”申请，经审查，决定不予受理。");
                pdf.Field("不予受理的理由", notice.Reason ?? "");
                pdf.Field("依据", notice.LegalBasis ?? "");
                Rights(pdf, notice.Item);
                break;
            case DocumentKind.ExtensionNotice:
                pdf.Paragraph($"你（单位）申请的“{found.ItemName}”，因情况复杂，不能在法定期限内作出决定。"
                    + $"根据《中华人民共和国行政许可法》第四十二条的规定，经本机关负责人批准，办理期限延长 {notice.ExtensionDays} 日。");
                pdf.Field("延期理由", notice.Reason ?? "");
                if (notice.Deadline is { } extended)
                {
                    pdf.Field("延长后的应办结日期", extended.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) + (found.DeadlineProvisional ? ProvisionalNote : ""));
                }

                break;
            case DocumentKind.GrantDecision:
                pdf.Paragraph($"你（单位）于 {submitted} 提出的“{found.ItemName}”申请（{found.Situation}），经审查，符合法定条件和标准。"
                    + "根据《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予。");
                pdf.Field("准予事项", Granted(found, notice.Item));
                if (notice.Reason is { Length: > 0 } opinion)
                {
                    pdf.Field("审批意见", opinion);
                }

                if (notice.CertificateNumber is { } number)
                {
                    pdf.Field("电子证照编号", TrackingCode.Display(number));
                }

                break;
            case DocumentKind.DenialDecision:
                pdf.Paragraph($"你（单位）于 {submitted} 提出的“{found.ItemName}”申请，经审查，决定不予准予。");
                pdf.Field("理由", notice.Reason ?? "");
                pdf.Field("依据", notice.LegalBasis ?? "");
                Rights(pdf, notice.Item);
                break;
        }

        pdf.Move(10);
        pdf.Field("经办人", notice.Actor);
        pdf.Field("经办部门", found.Department);
        pdf.Field("咨询电话", notice.Item.Contacts.ConsultPhone);
        pdf.SignedClosing(notice.Item.ImplementingBody.Name, ChinaDate.ToChinaTime(notice.At).ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
            notice.VerifyUrl, "扫码核验本文书");
        pdf.Paragraph("本文书加盖电子印章，并以电子签名（ECDSA P-256，与电子证照同一密钥）签发。扫描左侧二维码可核验文号、当事人和出具机关；"
            + "二维码中含有签名的内容，也可用本局公布的公钥离线核验。", 9);
        return pdf.Save();
    }

    // What a grant gives, named: the situation applied for and the certificate it issues.
    private static string Granted(Case found, ItemContent item) =>
        item.Result.Type == ResultType.Certificate && item.Result.Name is { Length: > 0 } certificate
            ? $"{found.Situation}；颁发《{certificate}》"
            : found.Situation;

    // The applicant's remedies, with their time limits (行政复议法 Art. 20; 行政诉讼法 Art. 46).
    private static void Rights(HallPdf pdf, ItemContent item)
    {
        pdf.Heading("救济途径");
        var review = item.Remedies.ReviewBody is { Length: > 0 } body ? body : "本机关的本级人民政府";
        var court = item.Remedies.LitigationBody is { Length: > 0 } litigation ? litigation : "有管辖权的人民法院";
        pdf.Paragraph($"如不服本决定，可以自收到本决定之日起六十日内向{review}申请行政复议，"
            + $"或者自收到本决定之日起六个月内向{court}提起行政诉讼。");
    }
}
