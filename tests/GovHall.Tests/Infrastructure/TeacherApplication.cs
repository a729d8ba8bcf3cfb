using System.Net;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Infrastructure;

// 张三's application for the primary-school teacher qualification through the pages: its
// materials, its answers, the draft ready to submit, and the case it makes.
public static class TeacherApplication
{
    public const string ApplicationForm = "教师资格认定申请表";
    public const string Pledge = "个人承诺书（思想品德情况）";
    // (The application form and the pledge are given by the online application itself.)
    public const string Photo = "本人近期免冠证件照片";
    public const string HealthCheck = "体格检查合格证明";

    public static Dictionary<string, string> Answers() => new()
    {
        ["a.gender"] = "女",
        ["a.birthDate"] = "1998-05-04",
        ["a.subject"] = "小学数学",
        ["a.education"] = "本科",
        ["a.school"] = "上海师范大学",
        ["a.graduationDate"] = "2020-06-30",
        ["a.mandarinLevel"] = "二级甲等",
        ["a.employed"] = "否",
        ["a.experience[0].from"] = "2016-09",
        ["a.experience[0].to"] = "2020-06",
        ["a.experience[0].place"] = "上海师范大学",
        ["a.address"] = "上海市闵行区莘庄镇示例路 1 号",
    };

    // Every file the teacher qualification needs online.
    public static async Task UploadMaterialsAsync(HttpClient person, string materialsUrl)
    {
        await OnlineApplication.UploadAsync(person, materialsUrl, Photo, "照片.png", SampleFiles.Png);
        await OnlineApplication.UploadAsync(person, materialsUrl, HealthCheck, "体检合格证明.pdf", SampleFiles.Pdf);
    }

    // A primary-school teacher qualification draft, answered and with its materials, ready to
    // submit; answers the draft's form URL.
    public static async Task<string> DraftAsync(HallFactory hall, HttpClient person)
    {
        var teacher = await hall.WithDbAsync(db => db.ServiceItems.Where(i => i.Name == HallTest.Demo.TeacherQualification).Select(i => i.Code).SingleAsync());
        var formUrl = await OnlineApplication.StartAsync(person, teacher, "小学教师资格");
        var form = await Html.GetAsync(person, formUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(person, form, "main form", Answers(), "next", "continue")).StatusCode);
        await UploadMaterialsAsync(person, formUrl.Replace("/form", "/materials", StringComparison.Ordinal));
        return formUrl;
    }

    // 张三 applies for the primary-school teacher qualification; answers the tracking code.
    public static async Task<string> SubmitAsync(HallFactory hall, HttpClient zhangsan)
    {
        var formUrl = await DraftAsync(hall, zhangsan);
        var check = await Html.GetAsync(zhangsan, formUrl.Replace("/form", "/check", StringComparison.Ordinal));
        var submitted = await Html.SubmitAsync(zhangsan, check, "main form", new Dictionary<string, string> { ["declared"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        return submitted.Headers.Location!.OriginalString.Split('/')[4].Split('?')[0];
    }
}
