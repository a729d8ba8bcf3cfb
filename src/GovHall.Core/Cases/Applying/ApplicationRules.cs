using System.Text.Json.Nodes;
using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// What an application must be, against the item's current version: the rules that stop it
// outright, and everything that can be wrong with its answers and materials, at once. The
// start page, the check page and SubmitApplication ask the same rules.
public static class ApplicationRules
{
    // Whether the item has this situation (情形); an item without situations takes none.
    public static bool Offers(ItemContent content, string situation) =>
        content.Situations.Count > 0 ? content.Situations.Any(s => s.Name == situation) : situation.Length == 0;

    // What stops an application before its answers and files mean anything: an item not
    // applied for online, an applicant it is not for, a situation it does not have.
    public static Error? Blocking(ItemContent content, ApplicantType applicant, string situation)
    {
        if (content.OnlineDepth < OnlineDepth.PreReview)
        {
            return ApplyErrors.NotOnline;
        }

        if (!content.ApplicantTypes.Contains(applicant))
        {
            return ApplyErrors.ApplicantNotAllowed(applicant);
        }

        return Offers(content, situation) ? null : ApplyErrors.SituationUnknown;
    }

    // Everything wrong with the answers and the files given (an application not blocked);
    // answers: the answers as checked (trimmed, normalised), to be stored.
    public static IReadOnlyList<Error> Problems(
        ItemContent content, string situation, JsonObject given, IReadOnlyList<SubmittedFile> files, DateOnly today, out JsonObject answers)
    {
        var check = FormAnswers.Check(content.Form, situation, given, today, complete: true);
        answers = check.Answers;
        var errors = new ErrorList();
        errors.AddRange(check.Errors);
        var materials = CaseMaterials.For(content, situation);
        foreach (var unknown in files.Select(f => f.Material).Where(name => materials.All(m => m.Name != name)).Distinct())
        {
            errors.Add(ApplyErrors.MaterialUnknown(unknown));
        }

        foreach (var material in materials)
        {
            var fromCertificates = files.Count(f => f.Material == material.Name && f.Certificate is not null);
            if (fromCertificates > 0 && material.IssuedCertificate is null)
            {
                errors.Add(new Error("file.not_accepted", $"“{material.Name}”不能以电子证照代替。", CaseMaterials.FieldOf(material.Name)));
            }

            var own = files.Count(f => f.Material == material.Name && f.Certificate is null);
            if (own == 0 && fromCertificates == 0 && CaseMaterials.MustUpload(material))
            {
                errors.Add(new Error("material.missing", $"请上传“{material.Name}”。", CaseMaterials.FieldOf(material.Name)));
            }
            else if (own > 0 && CaseMaterials.NotUploadable(material) is { } notUploadable)
            {
                errors.Add(notUploadable);
            }
            else if (own > material.MaxFiles)
            {
                errors.Add(CaseMaterials.TooMany(material));
            }
        }

        return errors;
    }
}
