using System.Diagnostics.Metrics;
using GovHall.Core.Cases;
using GovHall.Core.Notifications;

namespace GovHall.Core;

// The hall's own measurements, beside those of ASP.NET Core, EF Core and the runtime: cases
// made by a submission and submissions answered again with an earlier case, by channel; and
// every try to send a message, by channel and outcome. The host publishes them at /metrics
// (docs/operations.md#metrics); without a listener, adding to a counter costs next to nothing.
public sealed class HallMetrics
{
    public const string MeterName = "GovHall";

    private readonly Counter<long> submitted;
    private readonly Counter<long> replayed;
    private readonly Counter<long> messages;

    public HallMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        submitted = meter.CreateCounter<long>("govhall.cases.submitted", "{case}", "Cases made by a submission, by channel (online: the hall's pages; partner: the partner API).");
        replayed = meter.CreateCounter<long>("govhall.cases.replayed", "{submission}", "Submissions answered with the case an earlier one made (a double click, a retry), by channel.");
        messages = meter.CreateCounter<long>("govhall.notifications.tries", "{try}",
            "Tries to send a message, by channel and outcome (sent; failed, to be tried again; dead, given up; claim_lost, another node had taken it over and may send it again).");
    }

    public void CaseSubmitted(CaseChannel channel) => submitted.Add(1, Tag("channel", Name(channel)));

    public void CaseReplayed(CaseChannel channel) => replayed.Add(1, Tag("channel", Name(channel)));

    public void NotificationTried(NotificationChannel channel, TryOutcome outcome, int count = 1)
    {
        if (count > 0)
        {
            messages.Add(count, Tag("channel", channel.ToString().ToLowerInvariant()), Tag("outcome", Name(outcome)));
        }
    }

    private static string Name(TryOutcome outcome) => outcome switch
    {
        TryOutcome.Sent => "sent",
        TryOutcome.Failed => "failed",
        TryOutcome.Dead => "dead",
        TryOutcome.ClaimLost => "claim_lost",
    };

    private static string Name(CaseChannel channel) => channel == CaseChannel.Partner ? "partner" : "online";

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
