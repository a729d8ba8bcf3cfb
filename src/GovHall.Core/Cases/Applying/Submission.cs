using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GovHall.Core.Catalog;
using GovHall.Core.Storage;

namespace GovHall.Core.Cases;

public sealed record ApplicantSnapshot(
    ApplicantType Type, string Name, string? IdNumber, string? CreditCode, string? AgentName, string Phone, Guid? AccountId, Guid? OrganizationId);

// A file already in the file store (a draft's upload). Certificate: the number of a certificate
// the hall issued that this file is (两个免于提交), attached by the hall itself, never uploaded.
public sealed record SubmittedFile(string Material, string FileName, string Sha256, string ContentType, long Length, string? Certificate = null);

// A file whose bytes came with the submission (a partner's contentBase64): checked by content
// like an upload, and stored only when the whole application passes.
public sealed record PendingFile(string Material, string FileName, HashedBytes Content)
{
    public SubmittedFile AsSubmitted() => new(Material, FileName, Content.Sha256, FileSniffer.ContentTypeOf(Content.Bytes), Content.Length);
}

// One application as it reaches SubmitApplication, from whichever door: the pages (a draft,
// its files already stored) or the partner API (files as pending bytes).
// Declared: the applicant signed the declarations the situation asks to be signed online
// (materials with providedOnline Declaration).
public sealed record Submission(
    string ItemCode,
    string Situation,
    ApplicantSnapshot Applicant,
    JsonObject Answers,
    IReadOnlyList<SubmittedFile> Files,
    CaseChannel Channel,
    string SubmissionKey,
    string Actor,
    string? PartnerClientId = null)
{
    public IReadOnlyList<PendingFile> Pending { get; init; } = [];

    public bool Declared { get; init; }

    // Every file given: those stored and those pending, in the order given.
    public IReadOnlyList<SubmittedFile> AllFiles() =>
        Pending.Count == 0 ? Files : [.. Files, .. Pending.Select(p => p.AsSubmitted())];

    // What makes two submissions "the same": item, situation, applicant, answers and the files
    // given. A certificate the hall attaches itself (两个免于提交) follows from the applicant
    // and is left out, so that a retry, hashed before the item is read, matches.
    public string Hash()
    {
        var text = new StringBuilder()
            .Append(ItemCode).Append('\n')
            .Append(Situation).Append('\n')
            .Append(Applicant.Type).Append('|').Append(Applicant.Name).Append('|')
            .Append(Applicant.IdNumber).Append('|').Append(Applicant.CreditCode).Append('|')
            .Append(Applicant.AgentName).Append('|').Append(Applicant.Phone).Append('\n')
            .Append(Answers.ToJsonString()).Append('\n');
        foreach (var file in Files.Where(f => f.Certificate is null))
        {
            text.Append(file.Material).Append('|').Append(file.FileName).Append('|').Append(file.Sha256).Append('\n');
        }

        foreach (var file in Pending)
        {
            text.Append(file.Material).Append('|').Append(file.FileName).Append('|').Append(file.Content.Sha256).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

public sealed record Submitted(Case Case, bool Replayed);
