using System.Text.Json.Nodes;
using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Cases;

// The answers a case held before a correction changed some of them, encrypted as the case's
// answers are: with the case's own (the newest), every version is kept.
public sealed class CaseAnswerVersion
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public required string AnswersProtected { get; init; }

    // The keys the correction changed, comma-separated.
    public required string Fields { get; init; }
    public DateTime ReplacedAt { get; init; }
}

internal sealed class CaseAnswerVersionConfiguration : IEntityTypeConfiguration<CaseAnswerVersion>
{
    public void Configure(EntityTypeBuilder<CaseAnswerVersion> builder)
    {
        builder.ToTable("case_answer_versions");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.CaseId, v.ReplacedAt });
        builder.HasOne<Case>().WithMany().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.Fields).HasMaxLength(2000);
    }
}

// One answer a correction changed: what it was and what it is, masked where personal.
public sealed record AnswerChange(string Label, string Before, string After, DateTime At);

// Reading and correcting a case's form answers with their history.
public sealed class CaseAnswers(HallDbContext db, Accounts.PersonalData personal, TimeProvider clock)
{
    public JsonObject Of(Case found) => FormAnswers.Parse(personal.Unprotect(found.AnswersProtected));

    // Replaces the named answers with the corrected ones, checked as the form checks them; the
    // answers before are kept as a version. Only the named fields change.
    public Result<IReadOnlyList<string>> Correct(Case found, ItemContent content, IReadOnlyDictionary<string, string> changed, DateOnly today)
    {
        var before = Of(found);
        var merged = (JsonObject)before.DeepClone();
        foreach (var (key, value) in changed)
        {
            merged[key] = value.Trim();
        }

        var check = FormAnswers.Check(content.Form, found.Situation, merged, today, complete: true);
        var problems = check.Errors.Where(e => e.Field is { } field && changed.ContainsKey(field)).ToList();
        if (problems.Count > 0)
        {
            return Result<IReadOnlyList<string>>.Fail(problems);
        }

        var after = (JsonObject)before.DeepClone();
        foreach (var key in changed.Keys)
        {
            after[key] = check.Answers[key]?.DeepClone();
        }

        db.CaseAnswerVersions.Add(new CaseAnswerVersion
        {
            CaseId = found.Id, AnswersProtected = found.AnswersProtected, Fields = string.Join(",", changed.Keys),
            ReplacedAt = clock.GetUtcNow().UtcDateTime,
        });
        // The answers are fixed at submission except through a correction, which is this: the
        // tracked case's value is replaced through the context, written with the action.
        db.Entry(found).Property(c => c.AnswersProtected).CurrentValue = personal.Protect(after.ToJsonString());
        return changed.Keys.ToList();
    }

    // Every answer corrections changed, oldest first: each version against the one after it.
    public async Task<IReadOnlyList<AnswerChange>> ChangesAsync(Case found, ItemContent content, CancellationToken cancellationToken)
    {
        var versions = await db.CaseAnswerVersions.AsNoTracking().Where(v => v.CaseId == found.Id).OrderBy(v => v.ReplacedAt).ToListAsync(cancellationToken);
        var changes = new List<AnswerChange>();
        for (var i = 0; i < versions.Count; i++)
        {
            var before = FormAnswers.Parse(personal.Unprotect(versions[i].AnswersProtected));
            var after = i + 1 < versions.Count ? FormAnswers.Parse(personal.Unprotect(versions[i + 1].AnswersProtected)) : Of(found);
            foreach (var key in versions[i].Fields.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (content.Form.Fields.FirstOrDefault(f => f.Key == key) is { } field)
                {
                    changes.Add(new AnswerChange(field.Label, FormAnswers.Masked(field, before[key]?.ToString() ?? ""),
                        FormAnswers.Masked(field, after[key]?.ToString() ?? ""), versions[i].ReplacedAt));
                }
            }
        }

        return changes;
    }
}
