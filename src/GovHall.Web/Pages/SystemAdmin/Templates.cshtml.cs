using GovHall.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.SystemAdmin;

// Message templates per kind, in Chinese, with a preview; a template that uses a variable its
// kind does not offer cannot be saved.
public sealed class TemplatesModel(SaveTemplate save) : PageModel
{
    public static readonly IReadOnlyDictionary<string, string> Sample = new Dictionary<string, string>
    {
        ["applicant"] = "张三", ["item"] = "幼儿园、小学和初级中学教师资格认定", ["caseNumber"] = "1131011200245871XF4000105119010202611280001",
        ["code"] = "7K3M-9QXD-2HB9", ["stage"] = "已受理", ["queryUrl"] = "https://hall.example/query?code=7K3M9QXD2HB9",
        ["deadline"] = "2026年12月28日", ["reason"] = "专家评审", ["corrections"] = "1. 本人近期免冠证件照片：照片背景应为白色",
        ["decision"] = "准予", ["certificateNumber"] = "8Q2N-4KXD-7HB3", ["delivery"] = "电子证照（网上送达）",
        ["expires"] = "2026年12月28日", ["draftUrl"] = "https://hall.example/apply/drafts/…/form", ["red"] = "1", ["yellow"] = "2",
        ["list"] = "红牌 幼儿园、小学和初级中学教师资格认定 7K3M-9QXD-2HB9：超期 1 个工作日", ["workbenchUrl"] = "https://hall.example/staff",
    };

    [BindProperty(SupportsGet = true)]
    public NotificationKind Kind { get; set; }

    [BindProperty]
    public string Subject { get; set; } = "";

    [BindProperty]
    public string Body { get; set; } = "";

    public IReadOnlyList<string> Problems { get; private set; } = [];
    public string? Done { get; private set; }
    public KindInfo Info => NotificationKinds.Of(Kind);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!NotificationKinds.IsConfigurable(Kind))
        {
            return NotFound();
        }

        Done = TempData["done"] as string;
        var saved = await save.SavedAsync(Kind, cancellationToken);
        Subject = saved?.Subject ?? Info.Subject;
        Body = saved?.Body ?? Info.Body;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? preview, CancellationToken cancellationToken)
    {
        if (!NotificationKinds.IsConfigurable(Kind))
        {
            return NotFound();
        }

        if (preview is not null)
        {
            Problems = SaveTemplate.Check(Kind, Subject, Body).Select(e => e.Message).ToList();
            Response.StatusCode = Problems.Count > 0 ? 400 : 200;
            return Page();
        }

        var saved = await save.RunAsync(Kind, Subject, Body, User.Identity!.Name!, cancellationToken);
        if (!saved.Succeeded)
        {
            Problems = saved.Errors.Select(e => e.Message).ToList();
            Response.StatusCode = 400;
            return Page();
        }

        TempData["done"] = "模板已保存。";
        return RedirectToPage(new { kind = Kind });
    }
}
