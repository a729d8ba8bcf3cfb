using System.Collections;

namespace GovHall.Core;

// The problems of one request, bounded: the first Listed of them are kept and the rest only
// counted, so a request made of a million wrong parts costs a million checks but not a million
// messages (nor an answer of hundreds of megabytes). Total says how many there were; the
// answer lists the kept ones and the count.
public sealed class ErrorList : IReadOnlyList<Error>
{
    public const int Listed = 100;

    private readonly List<Error> kept = [];

    public int Total { get; private set; }

    public int Count => kept.Count;

    public Error this[int index] => kept[index];

    public void Add(Error error)
    {
        Total++;
        if (kept.Count < Listed)
        {
            kept.Add(error);
        }
    }

    // Another list's problems, with the ones it only counted.
    public void AddRange(IEnumerable<Error> errors)
    {
        var counted = 0;
        foreach (var error in errors)
        {
            Add(error);
            counted++;
        }

        if (errors is ErrorList other)
        {
            Total += other.Total - counted;
        }
    }

    // How many problems a list stands for: an ErrorList's total, any other list's count.
    public static int TotalOf(IReadOnlyList<Error> errors) => errors is ErrorList list ? list.Total : errors.Count;

    public IEnumerator<Error> GetEnumerator() => kept.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
