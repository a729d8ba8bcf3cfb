using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Storage;

public static class StoredFileRows
{
    // A file's metadata row, once per content: a file given before (reused, or the same bytes
    // in another case) is already there. One statement, arbitrated by the key, so nothing is
    // read first and two submissions racing with the same new file both succeed. Reading the
    // known files first (Sha256 = ANY(...)) cost PostgreSQL a sequential scan per submission
    // whenever its cached plan was made while the table was small (bench/README.md).
    public static async Task RecordAsync(HallDbContext db, IEnumerable<(string Sha256, long Length, string ContentType)> files, DateTime now, CancellationToken cancellationToken)
    {
        // In key order, as EF would: two submissions adding the same new files in opposite
        // orders would otherwise wait for each other on PostgreSQL (a deadlock).
        var distinct = files.DistinctBy(f => f.Sha256).OrderBy(f => f.Sha256, StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return;
        }

        var values = new List<object>(distinct.Count * 4);
        var rows = new List<string>(distinct.Count);
        foreach (var file in distinct)
        {
            rows.Add($"({{{values.Count}}}, {{{values.Count + 1}}}, {{{values.Count + 2}}}, {{{values.Count + 3}}})");
            values.AddRange([file.Sha256, file.Length, file.ContentType, now]);
        }

        // Only placeholders are joined into the text; the values go as parameters.
        var sql = $"""INSERT INTO stored_files ("Sha256", "Length", "ContentType", "CreatedAt") VALUES {string.Join(", ", rows)} ON CONFLICT ("Sha256") DO NOTHING""";
        await db.Database.ExecuteSqlRawAsync(sql, values, cancellationToken);
    }
}
