using System.Text.Json;
using System.Text.Json.Nodes;
using GovHall.Core.Catalog;
using GovHall.Tests.Infrastructure;

namespace GovHall.Tests.Catalog;

// The catalog rules for what handling reads from an item: certificate validity and the
// materials a certificate the hall issued stands for.
public sealed class ItemRulesTests
{
    private static ItemContent DemoItem(string name)
    {
        var file = Path.Combine(HallFactory.ArtifactsFolder(".."), "src", "GovHall.Web", "Demo", "catalog.json");
        var items = JsonNode.Parse(File.ReadAllText(file))!["items"]!.AsArray();
        var item = items.Single(i => i!["name"]!.GetValue<string>() == name)!;
        return item.Deserialize<ItemContent>(CatalogJson.Options)!;
    }

    private static IEnumerable<string> Fields(ItemContent item) => ItemValidator.Validate(item).Select(e => e.Field ?? "");

    [Fact]
    public void DemoItems_WithValidityAndIssuedCertificates_AreValid()
    {
        var teacher = DemoItem("幼儿园、小学和初级中学教师资格认定");
        teacher.Result.ValidYears = 5;
        Assert.Empty(ItemValidator.Validate(teacher));
        var filing = DemoItem("民办学校招生简章和广告备案");
        Assert.Equal("民办学校办学许可证", filing.Materials.Single(m => m.Name == "民办学校办学许可证").IssuedCertificate);
        Assert.Empty(ItemValidator.Validate(filing));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void Validity_OutsideOneToFiftyYears_IsRefused(int years)
    {
        var teacher = DemoItem("幼儿园、小学和初级中学教师资格认定");
        teacher.Result.ValidYears = years;
        Assert.Contains("Result.ValidYears", Fields(teacher));
    }

    // Issue 23: a certificate's lines come from the situation or a form field, its photo from an
    // image material; anything else is refused with the line named.
    [Fact]
    public void CertificateFields_FromAnUnknownSourceOrPhotoFromAPdfMaterial_AreRefused()
    {
        var teacher = DemoItem("幼儿园、小学和初级中学教师资格认定");
        Assert.Equal(4, teacher.Result.Fields.Count);
        teacher.Result.Fields.Add(new CertificateField { Label = "籍贯", From = "nativePlace" });
        teacher.Result.Fields.Add(new CertificateField { Label = "", From = "subject" });
        teacher.Result.PhotoMaterial = "学历证书";
        var errors = ItemValidator.Validate(teacher);
        Assert.Contains(errors, e => e.Field == "Result.Fields[4].From" && e.Message.Contains("籍贯", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "Result.Fields[5].Label");
        Assert.Contains(errors, e => e.Field == "Result.PhotoMaterial" && e.Message.Contains("学历证书", StringComparison.Ordinal));

        var transfer = DemoItem("义务教育阶段学生转学（跨区转入、外省市转入）");
        transfer.Result.Fields.Add(new CertificateField { Label = "学籍号", From = CertificateField.Situation });
        Assert.Contains("Result.Fields", Fields(transfer));
    }

    [Fact]
    public void Validity_OnAResultThatIsNotACertificate_IsRefused()
    {
        var transfer = DemoItem("义务教育阶段学生转学（跨区转入、外省市转入）");
        transfer.Result.ValidYears = 3;
        Assert.Contains("Result.ValidYears", Fields(transfer));
    }

    [Fact]
    public void IssuedCertificate_OnAMaterialThatIsNotACertificate_IsRefused()
    {
        var filing = DemoItem("民办学校招生简章和广告备案");
        filing.Materials.Single(m => m.Name == "收费标准依据").IssuedCertificate = "民办学校办学许可证";
        Assert.Contains(Fields(filing), f => f.EndsWith(".IssuedCertificate", StringComparison.Ordinal));
    }

    // Only an applicant's own electronic form can be the online form or the signed declaration.
    [Theory]
    [InlineData("Paper")]
    [InlineData("Government")]
    [InlineData("Certificate")]
    public void ProvidedOnline_OnAMaterialThatCannotBe_IsRefused(string what)
    {
        var teacher = DemoItem("幼儿园、小学和初级中学教师资格认定");
        var form = teacher.Materials.Single(m => m.Name == "教师资格认定申请表");
        Assert.Equal(OnlineProvision.Form, form.ProvidedOnline);
        Assert.DoesNotContain(Fields(teacher), f => f.EndsWith(".ProvidedOnline", StringComparison.Ordinal));
        switch (what)
        {
            case "Paper": form.Form = MaterialForm.Paper; form.Copies = 1; break;
            case "Government": form.Source = MaterialSource.Government; break;
            default: form.Type = MaterialType.Certificate; break;
        }

        Assert.Contains("Materials[0].ProvidedOnline", Fields(teacher));
    }
}
