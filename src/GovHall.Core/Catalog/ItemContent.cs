namespace GovHall.Core.Catalog;

// Every element of the implementation list (实施清单) for one item. This record is at once the
// draft an administrator edits, the immutable snapshot a published version keeps, the body of
// GET /api/v1/items/{code} and one entry of the import/export file (docs/catalog-format.md).
// Setters are public because it is bound from forms and JSON; rules live in ItemValidator.
public sealed class ItemContent
{
    public string Code { get; set; } = "";
    public string BasicCode { get; set; } = "";
    public string Name { get; set; } = "";
    public ItemKind Kind { get; set; } = ItemKind.License;
    public List<string> Topics { get; set; } = [];
    public List<string> Keywords { get; set; } = [];
    public ImplementingBody ImplementingBody { get; set; } = new();
    public List<LegalBasis> LegalBasis { get; set; } = [];
    public List<ApplicantType> ApplicantTypes { get; set; } = [];
    public string Conditions { get; set; } = "";
    public string? QuantityLimit { get; set; }
    public List<Situation> Situations { get; set; } = [];
    public List<RequiredMaterial> Materials { get; set; } = [];
    public List<ProcessStep> Steps { get; set; } = [];
    public TimeLimit StatutoryLimit { get; set; } = new();
    public TimeLimit PromisedLimit { get; set; } = new();
    public Fees Fees { get; set; } = new();
    public OnlineDepth OnlineDepth { get; set; } = OnlineDepth.Information;
    public int VisitsRequired { get; set; }
    public string? VisitsNote { get; set; }
    public Appointment Appointment { get; set; } = new();
    public List<DeliveryWay> Delivery { get; set; } = [];
    public Place Place { get; set; } = new();
    public Contacts Contacts { get; set; } = new();
    public Remedies Remedies { get; set; } = new();
    public ItemResult Result { get; set; } = new();
    public List<Faq> Faqs { get; set; } = [];
    public ApplicationForm Form { get; set; } = new();
}

public enum ItemKind { License, Confirmation, Payment, Award, Adjudication, OtherPower, PublicService }

public enum ApplicantType { Person, Organization }

// Levels of online handling, in increasing depth (查询 → 下载 → 预审 → 受理 → 全程网办).
public enum OnlineDepth { Information, Download, PreReview, OnlineAcceptance, FullyOnline }

public enum LimitUnit { WorkingDays, CalendarDays }

public enum BasisKind { Establishing, Implementing }

public enum MaterialType { Certificate, Form, Other }

public enum MaterialForm { Paper, Electronic, PaperAndElectronic }

public enum MaterialNecessity { Required, Optional, Deferrable }

public enum MaterialSource { Applicant, Government, Other }

public enum DeliveryWay { ElectronicCertificate, Pickup, Mail }

public enum ResultType { Certificate, ApprovalDocument, Other }

public sealed class ImplementingBody
{
    public string Name { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public string Department { get; set; } = "";
    public string? EntrustedBy { get; set; }
}

public sealed class LegalBasis
{
    public BasisKind Kind { get; set; } = BasisKind.Establishing;
    public string Law { get; set; } = "";
    public string Article { get; set; } = "";
    public string Text { get; set; } = "";
}

public sealed class Situation
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public List<RequiredMaterial> Materials { get; set; } = [];
}

public sealed class RequiredMaterial
{
    public string Name { get; set; } = "";
    public MaterialType Type { get; set; } = MaterialType.Other;
    public MaterialForm Form { get; set; } = MaterialForm.Electronic;
    public int Originals { get; set; }
    public int Copies { get; set; }
    public MaterialNecessity Necessity { get; set; } = MaterialNecessity.Required;
    public MaterialSource Source { get; set; } = MaterialSource.Applicant;
    public string? SourceNote { get; set; }
    public string? Requirements { get; set; }
    public FileReference? BlankForm { get; set; }
    public FileReference? Sample { get; set; }

    // Uploading online: how many files, how large, which kinds (checked from the content).
    // The certificate the hall itself issues that stands for this material (its result name,
    // e.g. 民办学校办学许可证): an applicant who holds a valid one gives nothing (两个免于提交).
    public string? IssuedCertificate { get; set; }

    // A form the online application itself is (申请表, 网上填报, system made) or a declaration
    // its applicant signs by ticking before submitting (承诺书, 网上签署): nothing is uploaded.
    public OnlineProvision? ProvidedOnline { get; set; }

    public int MaxFiles { get; set; } = 5;
    public int MaxFileSizeMb { get; set; } = 10;
    public List<UploadType> FileTypes { get; set; } = [UploadType.Pdf, UploadType.Jpeg, UploadType.Png];
}

public enum UploadType { Pdf, Jpeg, Png }

public enum OnlineProvision { Form, Declaration }

// A file in the content-addressed store, named for download.
public sealed class FileReference
{
    public string FileName { get; set; } = "";
    public string Sha256 { get; set; } = "";
}

public sealed class ProcessStep
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string? Description { get; set; }
    public TimeLimit TimeLimit { get; set; } = new();
}

public sealed class TimeLimit
{
    public int Value { get; set; }
    public LimitUnit Unit { get; set; } = LimitUnit.WorkingDays;
    public string? Note { get; set; }
}

public sealed class Fees
{
    public bool Charged { get; set; }
    public List<FeeItem> Items { get; set; } = [];
}

public sealed class FeeItem
{
    public string Name { get; set; } = "";
    public string Standard { get; set; } = "";
    public string Basis { get; set; } = "";
}

public sealed class Appointment
{
    public bool Available { get; set; }
    public string? Note { get; set; }
}

public sealed class Place
{
    public string Address { get; set; } = "";
    public string Hours { get; set; } = "";
    public string? Traffic { get; set; }
}

public sealed class Contacts
{
    public string ConsultPhone { get; set; } = "";
    public string? ConsultOnline { get; set; }
    public string ComplaintPhone { get; set; } = "";
    public string? ComplaintOnline { get; set; }
}

public sealed class Remedies
{
    public string ReviewBody { get; set; } = "";
    public string LitigationBody { get; set; } = "";
}

public sealed class ItemResult
{
    public ResultType Type { get; set; } = ResultType.Other;
    public string Name { get; set; } = "";

    // Years a certificate issued as the result stays valid; null: without expiry.
    public int? ValidYears { get; set; }
    public FileReference? Sample { get; set; }

    // What a certificate says besides its holder, as the real one does (教师资格证书: 资格种类,
    // 任教学科, 性别, 出生日期), each filled from the situation granted or one of the form's answers;
    // and the material whose image is the holder's photo on it.
    public List<CertificateField> Fields { get; set; } = [];
    public string? PhotoMaterial { get; set; }
}

// One line of a certificate: its label and where its value comes from: "situation" (the
// situation granted) or the key of one of the form's top-level fields.
public sealed class CertificateField
{
    public const string Situation = "situation";

    public string Label { get; set; } = "";
    public string From { get; set; } = "";
}

public sealed class Faq
{
    public string Question { get; set; } = "";
    public string Answer { get; set; } = "";
}
