using System.Text;
using System.Text.Json;

namespace GovHall.Core.Catalog;

// Where each value of a JSON document starts, by path ("items[3].materials[0].name" → line 57),
// so that an import can point at the line an administrator must fix.
public sealed class JsonLineMap
{
    private readonly Dictionary<string, int> lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    public static JsonLineMap Build(ReadOnlySpan<byte> json)
    {
        var map = new JsonLineMap();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var path = new List<Segment>();
        var line = 1;
        long counted = 0;
        int LineAt(long offset, ReadOnlySpan<byte> data)
        {
            line += data[(int)counted..(int)offset].Count((byte)'\n');
            counted = offset;
            return line;
        }

        string? pendingName = null;
        while (reader.Read())
        {
            var at = LineAt(reader.TokenStartIndex, json);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString();
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    if (path.Count > 0)
                    {
                        path.RemoveAt(path.Count - 1);
                    }

                    continue;
            }

            // A value starts: it is a property of the enclosing object or the next array element.
            Segment self;
            if (pendingName is not null)
            {
                self = new Segment(pendingName, -1);
                pendingName = null;
            }
            else if (path.Count > 0 && path[^1].IsArray)
            {
                path[^1] = path[^1] with { NextIndex = path[^1].NextIndex + 1 };
                self = new Segment(null, path[^1].NextIndex);
            }
            else
            {
                self = new Segment(null, -1);
            }

            var key = Render(path, self);
            map.lines.TryAdd(key, at);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                path.Add(self with { Key = key, IsArray = reader.TokenType == JsonTokenType.StartArray, NextIndex = -1 });
            }
        }

        return map;
    }

    // The line of the path, or of its nearest ancestor that is present in the document.
    public int LineOf(string path)
    {
        var probe = path;
        while (probe.Length > 0)
        {
            if (lines.TryGetValue(probe, out var line))
            {
                return line;
            }

            var cut = Math.Max(probe.LastIndexOf('.'), probe.LastIndexOf('['));
            probe = cut <= 0 ? "" : probe[..cut];
        }

        return 1;
    }

    // "Materials[2].BlankForm.Sha256" → "materials[2].blankForm.sha256"
    public static string ToJsonPath(string propertyPath)
    {
        var builder = new StringBuilder(propertyPath.Length);
        var startOfName = true;
        foreach (var c in propertyPath)
        {
            builder.Append(startOfName ? char.ToLowerInvariant(c) : c);
            startOfName = c == '.';
        }

        return builder.ToString();
    }

    private static string Render(List<Segment> parents, Segment self)
    {
        var parent = parents.Count == 0 ? "" : parents[^1].Key ?? "";
        if (self.Name is not null)
        {
            return parent.Length == 0 ? self.Name : $"{parent}.{self.Name}";
        }

        return self.NextIndex >= 0 ? $"{parent}[{self.NextIndex}]" : parent;
    }

    private sealed record Segment(string? Name, int NextIndex)
    {
        public string? Key { get; init; }
        public bool IsArray { get; init; }
    }
}
