using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GovHall.Core;

// A compiled query (EF.CompileAsyncQuery) skips building, hashing and looking up the query's
// expression tree on every call, which is a fifth of a hot lookup's CPU. But it binds itself to
// the first model it runs against, and one process may hold two (SQLite and PostgreSQL, as the
// tests do), so each model gets its own. The table holds a model weakly.
public sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = [];

    public TQuery For(DbContext db) => compiled.GetValue(db.Model, _ => compile());
}
