using System.Globalization;
using Hackle.Manifest;

namespace Hackle.Generators.Manifest
{
    /// <summary>
    /// Checks a JSON tree against a <see cref="WireShape"/>, as the runtime's binder does when it reads an
    /// entity: every occurrence of a bound property (repeated ones too) must have the field's kind. The
    /// first mismatch is returned as an <see cref="ItemRules.WrongKind"/> reason, so the generator skips
    /// exactly the entities the runtime drops.
    /// </summary>
    internal static class WireShapeCheck
    {
        /// <summary>The first wrongly typed field of <paramref name="node"/> (an object), or null when it fits.</summary>
        public static string? FindProblem(JsonNode node, WireShape shape, string path, out JsonNode? at)
        {
            // Almost every entity fits: check that without building the field paths, which only a message needs.
            if (Fits(node, shape))
            {
                at = null;
                return null;
            }
            return FindProblemWithPath(node, shape, path, out at);
        }

        private static bool Fits(JsonNode node, WireShape shape)
        {
            foreach (var property in node.Properties)
            {
                var field = shape.Find(property.Name);
                if (field != null && !Fits(property.Value, field)) return false;
            }
            return true;
        }

        private static bool Fits(JsonNode value, WireField field)
        {
            if (value.Kind == JsonKind.Null) return true;
            switch (field.Kind)
            {
                case WireKind.Int64:
                    return IsInt64(value);
                case WireKind.Int32:
                    return (value.Kind == JsonKind.Number || value.Kind == JsonKind.String) && WireInteger.TryParseInt32(value.Text, out _);
                case WireKind.String:
                    return value.Kind == JsonKind.String;
                case WireKind.Object:
                    return value.Kind == JsonKind.Object && Fits(value, field.Shape!);
                case WireKind.ObjectArray:
                    if (value.Kind != JsonKind.Array) return false;
                    foreach (var item in value.Items)
                    {
                        if (item.Kind == JsonKind.Null) continue;
                        if (item.Kind != JsonKind.Object || !Fits(item, field.Shape!)) return false;
                    }
                    return true;
                case WireKind.Int64Array:
                    if (value.Kind != JsonKind.Array) return false;
                    foreach (var item in value.Items)
                    {
                        if (!IsInt64(item)) return false;
                    }
                    return true;
                case WireKind.AnyArray:
                    return value.Kind == JsonKind.Array;
                default:
                    return true;
            }
        }

        private static string? FindProblemWithPath(JsonNode node, WireShape shape, string path, out JsonNode? at)
        {
            foreach (var property in node.Properties)
            {
                var field = shape.Find(property.Name);
                if (field is null) continue;
                var fieldPath = path.Length == 0 ? property.Name : path + "." + property.Name;
                var problem = Check(property.Value, field, fieldPath, out at);
                if (problem != null) return problem;
            }
            at = null;
            return null;
        }

        private static string? Check(JsonNode value, WireField field, string path, out JsonNode? at)
        {
            at = value;
            if (value.Kind == JsonKind.Null) return null;
            switch (field.Kind)
            {
                case WireKind.Int64:
                    return IsInt64(value) ? null : ItemRules.WrongKind(path, field.Kind);
                case WireKind.Int32:
                    return (value.Kind == JsonKind.Number || value.Kind == JsonKind.String) && WireInteger.TryParseInt32(value.Text, out _)
                        ? null
                        : ItemRules.WrongKind(path, field.Kind);
                case WireKind.String:
                    return value.Kind == JsonKind.String ? null : ItemRules.WrongKind(path, field.Kind);
                case WireKind.Object:
                    return value.Kind == JsonKind.Object ? FindProblemWithPath(value, field.Shape!, path, out at) : ItemRules.WrongKind(path, field.Kind);
                case WireKind.ObjectArray:
                    if (value.Kind != JsonKind.Array) return ItemRules.WrongKind(path, field.Kind);
                    for (var i = 0; i < value.Items.Count; i++)
                    {
                        var item = value.Items[i];
                        var itemPath = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                        if (item.Kind == JsonKind.Null) continue;
                        at = item;
                        if (item.Kind != JsonKind.Object) return ItemRules.WrongKind(itemPath, WireKind.Object);
                        var problem = FindProblemWithPath(item, field.Shape!, itemPath, out at);
                        if (problem != null) return problem;
                    }
                    return null;
                case WireKind.Int64Array:
                    if (value.Kind != JsonKind.Array) return ItemRules.WrongKind(path, field.Kind);
                    foreach (var item in value.Items)
                    {
                        at = item;
                        if (!IsInt64(item)) return ItemRules.WrongKind(path, field.Kind);
                    }
                    return null;
                case WireKind.AnyArray:
                    return value.Kind == JsonKind.Array ? null : ItemRules.WrongKind(path, field.Kind);
                default:
                    return null;
            }
        }

        /// <summary>A JSON number or string holding an integer under <see cref="WireInteger"/>'s rule.</summary>
        public static bool TryGetInt64(JsonNode? node, out long value)
        {
            value = 0;
            return node != null && (node.Kind == JsonKind.Number || node.Kind == JsonKind.String) && WireInteger.TryParseInt64(node.Text, out value);
        }

        private static bool IsInt64(JsonNode node) => TryGetInt64(node, out _);
    }
}
