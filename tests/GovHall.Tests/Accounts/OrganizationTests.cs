using System.Net;
using GovHall.Tests.Infrastructure;

namespace GovHall.Tests.Accounts;

public abstract class OrganizationTests(HallFactory hall) : HallTest(hall)
{
    [Theory]
    [InlineData("52310112MJ4782133A", "校验码不正确")]
    [InlineData("52310112MJ478213", "应为 18 位")]
    [InlineData("52310112MJ4782I33B", "不含 I、O、S、V、Z")]
    public async Task Register_BadCreditCode_SaysWhatIsWrongAndCreatesNothing(string code, string message)
    {
        var person = await Staff.SignInAsync(Hall, "zhangsan");
        var page = await Html.GetAsync(person, "/account/me/organizations");
        var before = page.QuerySelectorAll("#organizations li").Length;
        var response = await Html.SubmitAsync(person, page, "main form.stacked", new Dictionary<string, string>
        {
            ["Name"] = "测试幼儿园", ["CreditCode"] = code, ["LegalRepresentative"] = "张三",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await Html.ParseAsync(response)).QuerySelector("#CreditCode")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, (await Html.GetAsync(person, "/account/me/organizations")).QuerySelectorAll("#organizations li").Length);
        Assert.False(await Hall.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Organizations, o => o.Name == "测试幼儿园", Cancel)));
    }

    [Fact]
    public async Task Administrator_AddsAndRemovesAnAgent_WhoSeesTheOrganisationOnlyMeanwhile()
    {
        var lisi = await Staff.SignInAsync(Hall, "lisi");
        var list = await Html.GetAsync(lisi, "/account/me/organizations");
        var link = list.QuerySelector("#organizations a")!.GetAttribute("href")!;
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        Assert.Equal(HttpStatusCode.NotFound, (await zhangsan.GetAsync(link, Cancel)).StatusCode);

        var school = await Html.GetAsync(lisi, link);
        var wrongName = await Html.SubmitAsync(lisi, school, "form[action*='handler=Add']", new Dictionary<string, string>
        {
            ["AgentName"] = "张四", ["AgentIdNumber"] = "310112199001011233",
        });
        Assert.Contains("没有找到与该身份证号码和姓名相符的注册用户", (await Html.ParseAsync(wrongName)).Text(), StringComparison.Ordinal);

        var added = await Html.SubmitAsync(lisi, school, "form[action*='handler=Add']", new Dictionary<string, string>
        {
            ["AgentName"] = "张三", ["AgentIdNumber"] = "310112199001011233",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var asAgent = await Html.GetAsync(zhangsan, link);
        Assert.Contains("经办人", asAgent.QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);
        Assert.Null(asAgent.QuerySelector("form[action*='handler=Add']"));

        // An agent cannot add or remove anyone, even by posting directly.
        var forged = await zhangsan.PostAsync(link + "?handler=Remove", new FormUrlEncodedContent([new("AgentId", Guid.NewGuid().ToString())]), Cancel);
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);

        school = await Html.GetAsync(lisi, link);
        var removed = await Html.SubmitAsync(lisi, school, "form[action*='handler=Remove']");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await zhangsan.GetAsync(link, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Register_ValidCreditCode_MakesThePersonItsAdministrator()
    {
        var person = await Staff.SignInAsync(Hall, "zhangsan");
        var page = await Html.GetAsync(person, "/account/me/organizations");
        var response = await Html.SubmitAsync(person, page, "main form.stacked", new Dictionary<string, string>
        {
            ["Name"] = "上海市闵行区小星星幼儿园（演示）", ["CreditCode"] = "52310112MJ47821416", ["LegalRepresentative"] = "张三",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var organisation = await Html.GetAsync(person, response.Headers.Location!.OriginalString);
        Assert.Contains("单位管理员", organisation.QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);

        var again = await Html.SubmitAsync(person, await Html.GetAsync(person, "/account/me/organizations"), "main form.stacked", new Dictionary<string, string>
        {
            ["Name"] = "重复登记", ["CreditCode"] = "52310112MJ47821416", ["LegalRepresentative"] = "张三",
        });
        Assert.Contains("已登记", (await Html.ParseAsync(again)).Text(), StringComparison.Ordinal);
    }
}

public sealed class OrganizationTests_Sqlite(SqliteHall hall) : OrganizationTests(hall), IClassFixture<SqliteHall>;

public sealed class OrganizationTests_Postgres(PostgresHall hall) : OrganizationTests(hall), IClassFixture<PostgresHall>;
