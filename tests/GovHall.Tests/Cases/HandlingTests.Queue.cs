using System.Net;
using GovHall.Core.Cases;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

// The workbench's queue: what each role sees at its step, and staff with two roles.
public abstract partial class HandlingTests
{
    [Fact]
    public async Task Queue_ShowsOpenCasesAtTheRolesStep_AndExtensionRequestsToTheApprover_ButNoClosedCase()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var reviewer = await Staff.SignInAsync(Hall, "reviewer");
        var approver = await Staff.SignInAsync(Hall, "approver");
        async Task<bool> QueuedAsync(HttpClient staff, string code) =>
            (await Html.GetAsync(staff, "/staff")).QuerySelector($"#queue tr[data-code='{code}']") is not null;

        // A new case waits for the window clerk only.
        var waiting = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        Assert.True(await QueuedAsync(clerk, waiting));
        Assert.False(await QueuedAsync(reviewer, waiting));
        Assert.False(await QueuedAsync(approver, waiting));

        // At the review step with an extension requested: the reviewer's, and the approver's too.
        var extended = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        await Workbench.ActAsync(clerk, extended, CaseAction.Accept);
        Assert.False(await QueuedAsync(clerk, extended));
        Assert.True(await QueuedAsync(reviewer, extended));
        Assert.False(await QueuedAsync(approver, extended));
        await Workbench.ActAsync(reviewer, extended, CaseAction.RequestExtension, new() { ["days"] = "10", ["reason"] = "需调取外省档案。" });
        Assert.True(await QueuedAsync(approver, extended));

        // Withdrawn with the request still open, and refused at the window: in nobody's queue.
        var mine = await Html.GetAsync(zhangsan, $"/account/me/cases/{extended}");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(zhangsan, mine, "#withdraw form", new Dictionary<string, string> { ["confirmed"] = "true" })).StatusCode);
        Assert.NotNull((await CaseAsync(extended)).ExtensionRequestedDays);
        var (refused, _) = await Workbench.ActAsync(clerk, waiting, CaseAction.Refuse, new()
        {
            ["reason"] = "不属于本机关管辖。",
            ["legalBasis"] = "《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        foreach (var staff in new[] { clerk, reviewer, approver })
        {
            Assert.False(await QueuedAsync(staff, extended));
            Assert.False(await QueuedAsync(staff, waiting));
        }
    }

    [Fact]
    public async Task Queue_OfStaffWithTwoRoles_HoldsTheCasesAtBothSteps()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var first = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var second = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var third = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        await Workbench.ActAsync(clerk, second, CaseAction.Accept);
        var reviewer = await StaffActorAsync("reviewer");
        var both = reviewer with { Roles = new HashSet<string>([Core.Accounts.Roles.WindowClerk, Core.Accounts.Roles.Reviewer], StringComparer.Ordinal) };

        async Task<List<string>> QueueAsync(CaseActor actor)
        {
            await using var scope = Hall.Services.CreateAsyncScope();
            var queue = await scope.ServiceProvider.GetRequiredService<StaffCases>().QueueAsync(actor, new QueueFilter(), Cancel);
            return [.. queue.Select(r => r.Case).OrderBy(c => c.SubmittedAt).Select(c => c.TrackingCode).Where(c => c == first || c == second || c == third)];
        }

        Assert.Equal([second], await QueueAsync(reviewer));
        Assert.Equal([first, second, third], await QueueAsync(both));
    }
}
