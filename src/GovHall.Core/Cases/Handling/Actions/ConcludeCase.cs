using System.Text.RegularExpressions;
using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// 办结: the result delivered, in one of the ways the item offers (by mail with its number).
public sealed partial record ConcludeCase(int Revision, DeliveryWay? Delivery, string? DeliveryNote) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.Conclude;

    protected override IEnumerable<Error> Problems(Case found, ItemContent content)
    {
        if (DeliveryNote?.Trim() is { Length: > 30 })
        {
            yield return CaseErrors.TrackingNumberInvalid;
        }

        if (Delivery is not { } way || !content.Delivery.Contains(way))
        {
            yield return new Error("case.delivery_invalid", "请选择该事项提供的送达方式。", "delivery");
        }
        else if (way == DeliveryWay.Mail && !TrackingNumber().IsMatch(DeliveryNote?.Trim() ?? ""))
        {
            yield return new Error("case.tracking_number_required", "邮寄送达请填写邮件号（6 到 30 位字母或数字）。", "deliveryNote");
        }
    }

    public override Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken)
    {
        var found = change.Found;
        var moved = found.Conclude(change.At, Delivery!.Value, DeliveryNote);
        return Task.FromResult(Text(moved, $"送达方式：{CaseStages.Label(Delivery!.Value)}{(found.DeliveryNote is { } tracking ? $"（邮件号 {tracking}）" : "")}"));
    }

    [GeneratedRegex("^[A-Za-z0-9-]{6,30}$")]
    private static partial Regex TrackingNumber();
}
