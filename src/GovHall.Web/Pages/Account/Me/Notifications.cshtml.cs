using GovHall.Core;
using GovHall.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Pages.Account.Me;

// 提醒设置: which channels besides the inbox each kind of message uses. What the law requires
// to reach the person keeps its channels; the rest can be switched off. SMS waits out quiet
// hours unless urgent.
public sealed class NotificationsModel(HallDbContext db, NotificationSettings settings) : PageModel
{
    public IReadOnlyDictionary<NotificationKind, NotificationPreference> Chosen { get; private set; } = new Dictionary<NotificationKind, NotificationPreference>();
    public NotificationSettings Settings => settings;
    public string? Done { get; private set; }

    public bool Email(KindInfo kind) => kind.Required && kind.Email || (Chosen.TryGetValue(kind.Kind, out var chosen) ? chosen.Email : kind.Email);

    public bool Sms(KindInfo kind) => kind.Required && kind.Sms || (Chosen.TryGetValue(kind.Kind, out var chosen) ? chosen.Sms : kind.Sms);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Done = TempData["done"] as string;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var accountId = User.AccountId();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.NotificationPreferences.Where(p => p.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        foreach (var kind in NotificationKinds.All)
        {
            db.NotificationPreferences.Add(new NotificationPreference
            {
                AccountId = accountId,
                Kind = kind.Kind,
                Email = Request.Form[$"email:{kind.Kind}"] == "true",
                Sms = Request.Form[$"sms:{kind.Kind}"] == "true",
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same form posted twice at once: the other post has saved the same choices.
        }

        TempData["done"] = "提醒设置已保存。";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var accountId = User.AccountId();
        Chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.AccountId == accountId).ToDictionaryAsync(p => p.Kind, cancellationToken);
    }
}
