using System.Buffers;
using System.Security.Cryptography;
using GovHall.Core;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Hosting.Data;

// The "bare" endpoints the load benchmark (bench/) measures the real ones against, in the same
// process and on the same database: one row read by key, and one durable single-row insert.
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
        return endpoints;
    }
}
