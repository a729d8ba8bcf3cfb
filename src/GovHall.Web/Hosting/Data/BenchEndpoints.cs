using System.Buffers;
using System.Security.Cryptography;
using GovHall.Core;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Hosting.Data;

// The "bare" endpoints the load benchmark (bench/) measures the real ones against, in the same
// process and on the same database: one row read by key, one durable single-row insert, and
// the least a submission must do (the body read, its file stored with fsync, one row committed).
// Mapped only with GovHall:Bench:Enabled=true, which the start-up check refuses in Production.
public static class BenchEndpoints
{
    public const string Setting = "GovHall:Bench:Enabled";

    // Compiled, as the one-code query's lookup is, so the baseline carries no query-building work.
    private static readonly PerModel<Func<HallDbContext, string, CancellationToken, Task<Core.Cases.CaseStage?>>> StageByCode = new(() => EF.CompileAsyncQuery(
        (HallDbContext db, string code, CancellationToken cancellationToken) =>
            db.Cases.AsNoTracking().Where(c => c.TrackingCode == code).Select(c => (Core.Cases.CaseStage?)c.Stage).SingleOrDefault()));

    public static IEndpointRouteBuilder MapBenchEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The same lookup the one-code query makes, without its rules and its JSON.
        endpoints.MapGet("/bench/bare/read", async (string code, HallDbContext db, CancellationToken cancellationToken) =>
        {
            var stage = await StageByCode.For(db)(db, code, cancellationToken);
            return stage is null ? Results.NotFound() : Results.Text(stage.ToString());
        }).AllowAnonymous().ExcludeFromDescription();

        // Reads and hashes the whole request, as a submission does, and commits one row. The body
        // goes through one pooled buffer, so the baseline spends nothing on copies or collections.
        endpoints.MapPost("/bench/bare/insert", async (HttpRequest request, HallDbContext db, CancellationToken cancellationToken) =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            db.HallSettings.Add(new HallSetting { Name = $"bench:{Guid.CreateVersion7()}", Value = Convert.ToHexStringLower(hash.GetHashAndReset()) });
            await db.SaveChangesAsync(cancellationToken);
            return Results.StatusCode(StatusCodes.Status201Created);
        }).AllowAnonymous().ExcludeFromDescription();

        // The least a submission must do (issue 22, part 6): read the body, take out the 200 KB
        // file it carries (the first contentBase64), store it through the same file store, with
        // the file and its directory fsynced, and commit one row.
        endpoints.MapPost("/bench/bare/store", async (HttpRequest request, HallDbContext db, Core.Storage.IFileStore store, CancellationToken cancellationToken) =>
        {
            var body = await ReadAllAsync(request, cancellationToken);
            if (FirstFile(body) is not { } file)
            {
                return Results.BadRequest();
            }

            var hashed = Core.Storage.HashedBytes.Of(file);
            await store.PutAsync(hashed, cancellationToken);
            db.HallSettings.Add(new HallSetting { Name = $"bench:{Guid.CreateVersion7()}", Value = hashed.Sha256 });
            await db.SaveChangesAsync(cancellationToken);
            return Results.StatusCode(StatusCodes.Status201Created);
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<byte[]> ReadAllAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and > 0 and < 64 * 1024 * 1024 ? (int)length : 64 * 1024);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.GetBuffer().AsSpan(0, (int)buffer.Length).ToArray();
    }

    private static byte[]? FirstFile(byte[] body)
    {
        var reader = new System.Text.Json.Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == System.Text.Json.JsonTokenType.PropertyName && reader.ValueTextEquals("contentBase64") && reader.Read()
                && reader.TokenType == System.Text.Json.JsonTokenType.String)
            {
                return reader.GetBytesFromBase64();
            }
        }

        return null;
    }
}
