using GovHall.Core.Catalog;
using GovHall.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// The files of a draft, per material: a new upload (checked before it is stored), a file the
// person gave before (in any draft or case), and taking one off. Each keeps the draft alive.
public sealed class DraftMaterials(HallDbContext db, Drafts drafts, StoreFile storeFile, CasesSettings settings, TimeProvider clock)
{
    public async Task<Result<DraftFile>> AddFileAsync(
        Guid draftId, Guid accountId, string materialName, string? fileName, byte[] content, CancellationToken cancellationToken)
    {
        var (view, material, error) = await MaterialOfAsync(draftId, accountId, materialName, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (CaseMaterials.CheckUpload(material!, fileName, content, view!.Files.Count(f => f.Material == materialName)) is { } problem)
        {
            return problem;
        }

        var hashed = HashedBytes.Of(content);
        if (view.Files.Any(f => f.Material == materialName && f.Sha256 == hashed.Sha256))
        {
            return CaseMaterials.AlreadyGiven(material!, fileName);
        }

        var stored = await storeFile.RunAsync(hashed, cancellationToken);
        if (!stored.Succeeded)
        {
            return Result<DraftFile>.Fail(stored.Errors);
        }

        return await AttachAsync(view, materialName, Path.GetFileName(fileName!), stored.Value!, cancellationToken);
    }

    // Files this person gave before, in any draft or case, that can be given again.
    public async Task<IReadOnlyList<ReusableFile>> ReusableFilesAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var fromDrafts = await db.DraftFiles
            .Where(f => db.ApplicationDrafts.Any(d => d.Id == f.DraftId && d.AccountId == accountId))
            .Select(f => new ReusableFile(f.FileName, f.Sha256, f.ContentType, f.Length)).ToListAsync(cancellationToken);
        var fromCases = await db.CaseFiles
            .Where(f => db.Cases.Any(c => c.Id == f.CaseId && c.AccountId == accountId))
            .Select(f => new ReusableFile(f.FileName, f.Sha256, f.ContentType, f.Length)).ToListAsync(cancellationToken);
        return fromCases.Concat(fromDrafts).DistinctBy(f => f.Sha256).OrderBy(f => f.FileName, StringComparer.Ordinal).ToList();
    }

    public async Task<Result<DraftFile>> ReuseFileAsync(Guid draftId, Guid accountId, string materialName, string sha256, CancellationToken cancellationToken)
    {
        var (view, material, error) = await MaterialOfAsync(draftId, accountId, materialName, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var earlier = (await ReusableFilesAsync(accountId, cancellationToken)).FirstOrDefault(f => f.Sha256 == sha256);
        var stored = earlier is null ? null : await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Sha256 == sha256, cancellationToken);
        if (earlier is null || stored is null)
        {
            return Error.NotFound("file.not_found", "没有找到您以前提交过的这个文件。");
        }

        // A second press of 使用此文件 (or a page left open) does not give the same file twice.
        var given = view!.Files.Where(f => f.Material == materialName).Select(f => f.Sha256).ToList();
        if (CaseMaterials.CheckReuse(material!, earlier.FileName, sha256, stored.Length, given) is { } refused)
        {
            return refused;
        }

        return await AttachAsync(view, materialName, earlier.FileName, stored, cancellationToken);
    }

    public async Task<Result<bool>> RemoveFileAsync(Guid draftId, Guid accountId, Guid fileId, CancellationToken cancellationToken)
    {
        var loaded = await drafts.LoadAsync(draftId, accountId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return Result<bool>.Fail(loaded.Errors);
        }

        var removed = await db.DraftFiles.Where(f => f.Id == fileId && f.DraftId == draftId).ExecuteDeleteAsync(cancellationToken);
        await KeepAsync(draftId, cancellationToken);
        return removed > 0;
    }

    private async Task<(DraftView? View, RequiredMaterial? Material, Error? Error)> MaterialOfAsync(
        Guid draftId, Guid accountId, string materialName, CancellationToken cancellationToken)
    {
        var loaded = await drafts.LoadAsync(draftId, accountId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return (null, null, loaded.Errors[0]);
        }

        var view = loaded.Value!;
        if (view.Draft.SubmittedCaseId is not null)
        {
            return (null, null, ApplyErrors.DraftSubmitted);
        }

        var material = view.Materials.FirstOrDefault(m => m.Name == materialName);
        return material is null
            ? (null, null, ApplyErrors.MaterialUnknown(materialName))
            : (view, material, null);
    }

    private async Task<Result<DraftFile>> AttachAsync(DraftView view, string material, string fileName, StoredFile stored, CancellationToken cancellationToken)
    {
        var file = new DraftFile
        {
            DraftId = view.Draft.Id,
            Material = material,
            FileName = fileName,
            Sha256 = stored.Sha256,
            ContentType = stored.ContentType,
            Length = stored.Length,
            AddedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.DraftFiles.Add(file);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same file for the same material, given at the same moment (a double click),
            // is refused by the unique index; anything else is not this method's to answer.
            db.ChangeTracker.Clear();
            if (!await db.DraftFiles.AnyAsync(f => f.DraftId == view.Draft.Id && f.Material == material && f.Sha256 == stored.Sha256, cancellationToken))
            {
                throw;
            }

            return CaseMaterials.AlreadyGiven(view.Materials.First(m => m.Name == material), fileName);
        }

        await KeepAsync(view.Draft.Id, cancellationToken);
        return file;
    }

    // Files are rows of their own: giving one keeps the draft alive without touching its answers.
    private Task<int> KeepAsync(Guid draftId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.ApplicationDrafts.Where(d => d.Id == draftId)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.UpdatedAt, now).SetProperty(d => d.ExpiresAt, now.AddDays(settings.DraftDays)), cancellationToken);
    }
}
