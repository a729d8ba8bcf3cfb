using System.Collections;
using System.Reflection;

namespace GovHall.Core.Catalog;

// Makes posted or imported content safe to validate: text is trimmed, blank optional text
// becomes null, and a missing (null) required value becomes empty so that the validator
// reports it in words instead of the code failing on it.
public static class ItemNormalizer
{
    // NullabilityInfoContext caches in a plain dictionary, so each call gets its own.
    public static ItemContent Normalize(ItemContent item)
    {
        Visit(item, new NullabilityInfoContext());
        return item;
    }

    private static void Visit(object target, NullabilityInfoContext nullability)
    {
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var nullable = nullability.Create(property).WriteState == NullabilityState.Nullable;
            var value = property.GetValue(target);
            var type = property.PropertyType;
            if (type == typeof(string))
            {
                var text = ((string?)value)?.Trim();
                property.SetValue(target, nullable ? (string.IsNullOrEmpty(text) ? null : text) : text ?? "");
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            {
                var list = (IList?)value ?? (IList)Activator.CreateInstance(type)!;
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    switch (list[i])
                    {
                        case null:
                            list.RemoveAt(i);
                            break;
                        case string text:
                            list[i] = text.Trim();
                            break;
                        case { } element when element.GetType().IsClass:
                            Visit(element, nullability);
                            break;
                    }
                }

                property.SetValue(target, list);
            }
            else if (type.IsClass && type.Namespace == typeof(ItemContent).Namespace)
            {
                if (value is null && !nullable)
                {
                    value = Activator.CreateInstance(type)!;
                    property.SetValue(target, value);
                }

                if (value is not null)
                {
                    Visit(value, nullability);
                }
            }
        }
    }
}
