using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GovHall.Core.Cases;

// Reads a JSON object whose members each appear once, at any depth. A member given twice
// (which value counts?) is refused as unreadable JSON; the JsonObject the serializer would
// build instead throws an ArgumentException on first use (dotnet/runtime#123882).
public sealed class UniqueMembersObject : JsonConverter<JsonObject?>
{
    public override JsonObject? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An object was expected.");
        }

        var element = JsonElement.ParseValue(ref reader);
        if (FirstRepeated(element) is { } name)
        {
            throw new JsonException($"The member '{name}' is given twice.");
        }

        return JsonObject.Create(element);
    }

    public override void Write(Utf8JsonWriter writer, JsonObject? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer, options);
        }
    }

    private static string? FirstRepeated(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in element.EnumerateObject())
                {
                    if (!names.Add(member.Name))
                    {
                        return member.Name;
                    }

                    if (FirstRepeated(member.Value) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstRepeated(item) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
