using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Notifications;

// An administrator's wording for one kind of message. A template may use only its kind's
// variables, and needs a subject and a body within their lengths; otherwise nothing is saved.
public sealed class SaveTemplate(HallDbContext db, TimeProvider clock)
{
    public static IReadOnlyList<Error> Check(NotificationKind kind, string? subject, string? body)
    {
        var problems = new List<Error>();
        var info = NotificationKinds.Of(kind);
        var unknown = NotificationKinds.UnknownVariables(kind, $"{subject}\n{body}");
        if (unknown.Count > 0)
        {
            problems.Add(new Error("template.unknown_variable",
                $"模板使用了本类消息没有的变量：{string.Join("、", unknown.Select(v => "{" + v + "}"))}。可用变量：{string.Join("、", info.Variables.Select(v => "{" + v + "}"))}。"));
        }

        if ((subject?.Trim().Length ?? 0) is 0 or > 200 || (body?.Trim().Length ?? 0) is 0 or > 4000)
        {
            problems.Add(new Error("template.length", "标题（200 字以内）和正文（4000 字以内）都不能为空。"));
        }

        return problems;
    }

    // The saved wording of a kind, if an administrator has changed it from the default.
    public Task<NotificationTemplate?> SavedAsync(NotificationKind kind, CancellationToken cancellationToken) =>
        db.NotificationTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Kind == kind, cancellationToken);

    public async Task<Result<NotificationTemplate>> RunAsync(NotificationKind kind, string? subject, string? body, string actor, CancellationToken cancellationToken)
    {
        var problems = Check(kind, subject, body);
        if (problems.Count > 0)
        {
            return Result<NotificationTemplate>.Fail(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var saved = await db.NotificationTemplates.SingleOrDefaultAsync(t => t.Kind == kind, cancellationToken);
        if (saved is null)
        {
            saved = new NotificationTemplate { Kind = kind, Subject = subject!.Trim(), Body = body!.Trim(), UpdatedBy = actor, UpdatedAt = now };
            db.NotificationTemplates.Add(saved);
        }
        else
        {
            (saved.Subject, saved.Body, saved.UpdatedBy, saved.UpdatedAt) = (subject!.Trim(), body!.Trim(), actor, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return saved;
    }
}
