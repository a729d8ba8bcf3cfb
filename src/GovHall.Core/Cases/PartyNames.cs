using GovHall.Core.Catalog;
using GovHall.Core.Codes;

namespace GovHall.Core.Cases;

// How documents name the party (issue 23), in this one place:
// - The receipt (申请回执, given at submission) is shown at windows and passed on; it masks a
//   person's name and the agent's (张*), as the pages shown to others do.
// - The letters the bureau issues to the party (通知书, 决定书) and the certificate are addressed
//   to them and must identify them beyond doubt: the name in full, as given when applying.
// - Pages the applicant reads about themselves show their own answers whole; pages for
//   others (the one-code query without verification, staff lists) mask (PersonName.Mask,
//   IdNumber.Mask, PhoneNumber.Mask).
public static class PartyNames
{
    public static string OnReceipt(ApplicantType type, string name) => type == ApplicantType.Person ? PersonName.Mask(name) : name;

    public static string OnReceiptAgent(string agent) => PersonName.Mask(agent);

    public static string OnLetter(string name) => name;
}
