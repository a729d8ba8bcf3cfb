namespace GovHall.Core.Catalog;

// The application form of an item, as data (docs/catalog-format.md, "form"). It is part of
// the item's content, so it is versioned and published with the item: a case always records
// the version whose form it answered. FormValidator checks answers against it;
// ItemValidator checks the definition itself.
public sealed class ApplicationForm
{
    public List<FormField> Fields { get; set; } = [];
}

public sealed class FormField
{
    // The answer's name in JSON and in the case record: lower camel case, unique in the form.
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public FieldKind Kind { get; set; } = FieldKind.Text;
    public bool Required { get; set; }
    public string? Hint { get; set; }

    // Choice: the allowed answers, shown in this order.
    public List<string> Options { get; set; } = [];

    // Text and long text.
    public int? MinLength { get; set; }
    public int? MaxLength { get; set; }
    public string? Pattern { get; set; }
    public string? PatternMessage { get; set; }

    // Number: decimals; date: yyyy-MM-dd or "today".
    public string? Min { get; set; }
    public string? Max { get; set; }

    // Shown (and answered) only when another, earlier field has one of the given answers.
    public FieldCondition? ShowWhen { get; set; }

    // Shown only for these situations (情形); empty means every situation.
    public List<string> Situations { get; set; } = [];

    public PrefillSource? Prefill { get; set; }

    // Rows: the columns of each row, and how many rows.
    public List<FormField> Columns { get; set; } = [];
    public int? MinRows { get; set; }
    public int? MaxRows { get; set; }
}

public sealed class FieldCondition
{
    public string Field { get; set; } = "";
    public List<string> Values { get; set; } = [];
}

public enum FieldKind { Text, LongText, Number, Date, Choice, IdNumber, Phone, Address, Rows }

// Where a field's first value comes from; the applicant may change it.
public enum PrefillSource
{
    PersonName,
    PersonIdNumber,
    PersonPhone,
    PersonEmail,
    OrganizationName,
    OrganizationCreditCode,
    OrganizationLegalRepresentative,
}

public static class FieldKinds
{
    public static string Label(FieldKind kind) => kind switch
    {
        FieldKind.Text => "单行文字",
        FieldKind.LongText => "多行文字",
        FieldKind.Number => "数字",
        FieldKind.Date => "日期",
        FieldKind.Choice => "选项",
        FieldKind.IdNumber => "身份证号码",
        FieldKind.Phone => "电话号码",
        FieldKind.Address => "地址",
        FieldKind.Rows => "多行记录",
    };

    public static string Label(PrefillSource source) => source switch
    {
        PrefillSource.PersonName => "申请人姓名",
        PrefillSource.PersonIdNumber => "申请人身份证号码",
        PrefillSource.PersonPhone => "申请人手机号码",
        PrefillSource.PersonEmail => "申请人电子邮箱",
        PrefillSource.OrganizationName => "单位名称",
        PrefillSource.OrganizationCreditCode => "统一社会信用代码",
        PrefillSource.OrganizationLegalRepresentative => "法定代表人",
    };

    public static int DefaultMaxLength(FieldKind kind) => kind switch
    {
        FieldKind.LongText => 2000,
        FieldKind.Address => 200,
        _ => 200,
    };
}
