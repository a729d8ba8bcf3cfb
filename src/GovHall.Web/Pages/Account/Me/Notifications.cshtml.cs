using GovHall.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account.Me;

// 提醒设置: which channels besides the inbox each kind of message uses. What the law requires
// to reach the person keeps its channels; the rest can be switched off. SMS waits out quiet
// hours unless urgent.
public sealed class NotificationsModel(SaveNotificationPreferences preferences, NotificationSettings settings) : PageModel
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
        var choices = NotificationKinds.All
            .Select(kind => new ChannelChoice(kind.Kind, Request.Form[$"email:{kind.Kind}"] == "true", Request.Form[$"sms:{kind.Kind}"] == "true"))
            .ToList();
        await preferences.RunAsync(User.AccountId(), choices, cancellationToken);

        TempData["done"] = "提醒设置已保存。";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Chosen = await preferences.ChosenAsync(User.AccountId(), cancellationToken);
    }
}
