using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

public static class CaseStages
{
    // Plain words for the applicant and the public query.
    public static string Label(CaseStage stage) => stage switch
    {
        CaseStage.Submitted => "已提交，等待预审",
        CaseStage.PreReviewed => "预审通过，等待受理",
        CaseStage.CorrectionRequested => "需要补正材料",
        CaseStage.Accepted => "已受理",
        CaseStage.UnderReview => "审查中",
        CaseStage.Suspended => "特别程序中（不计入办理时限）",
        CaseStage.Decided => "已作出决定",
        CaseStage.Concluded => "已办结",
        CaseStage.Refused => "不予受理",
        CaseStage.Withdrawn => "已撤回",
    };

    // What the applicant has to do now, for 我的办件.
    public static string AskedOfApplicant(CaseStage stage) => stage switch
    {
        CaseStage.CorrectionRequested => "请按一次性告知补正材料",
        CaseStage.Decided => "已作出决定，等待送达",
        CaseStage.Concluded => "已办结，无需操作；结果和文书见办件详情",
        CaseStage.Refused => "不予受理，理由见办件详情；符合条件的可以重新申请",
        CaseStage.Withdrawn => "已撤回，无需操作",
        _ => "无需操作，请等待办理",
    };

    // The reason the applicant and the public query see: staff's internal opinions (review,
    // send-back, pre-review notes) stay on the staff side; everything told to the applicant
    // in a notice shows.
    public static string? PublicReason(CaseEvent happened) =>
        happened.Action is CaseAction.Review or CaseAction.SendBack or CaseAction.PreReviewPass or CaseAction.RequestExtension or CaseAction.RefuseExtension
            ? null
            : happened.Reason;

    public static string Label(CaseAction action) => action switch
    {
        CaseAction.Submit => "提交申请",
        CaseAction.Resubmit => "补正后重新提交",
        CaseAction.PreReviewPass => "预审通过",
        CaseAction.RequestCorrection => "退回补正（一次性告知）",
        CaseAction.Accept => "受理",
        CaseAction.Refuse => "不予受理",
        CaseAction.Review => "审查",
        CaseAction.SendBack => "退回上一环节",
        CaseAction.Suspend => "中止（特别程序）",
        CaseAction.Resume => "恢复办理",
        CaseAction.RequestExtension => "申请延长办理时限",
        CaseAction.Extend => "批准延长办理时限",
        CaseAction.RefuseExtension => "不批准延长办理时限",
        CaseAction.Decide => "作出决定",
        CaseAction.Conclude => "办结",
        CaseAction.Withdraw => "申请人撤回",
    };

    public static string Label(DeliveryWay way) => way switch
    {
        DeliveryWay.ElectronicCertificate => "电子证照（网上送达）",
        DeliveryWay.Pickup => "窗口领取",
        DeliveryWay.Mail => "邮寄送达",
    };
}
