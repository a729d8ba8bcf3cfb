namespace GovHall.Web.Pages.Shared;

// A case's deadline as every page shows it (_Deadline): the date (in the element named Id),
// marked 暂定 with a note when it rests on a year whose holiday arrangement is not yet entered;
// before acceptance, when it starts.
public sealed record DeadlineView(string Id, DateOnly? Deadline, bool Provisional, bool Accepted, string? Suffix = null);
