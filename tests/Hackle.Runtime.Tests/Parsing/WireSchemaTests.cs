using System.Reflection;
using System.Text.Json;
using Hackle.Internal.Config;
using Hackle.Manifest;

namespace Hackle.Runtime.Tests.Parsing;

/// <summary>
/// The runtime's DTOs bind exactly the fields of the shared <see cref="WireSchema"/>, with matching kinds,
/// so "a field of the wrong kind drops the entity" means the same in the runtime as in the generator.
/// </summary>
public class WireSchemaTests
{
    public static TheoryData<string> RootLists() => new(WireSchema.RootLists.Select(l => l.Name));

    [Theory]
    [MemberData(nameof(RootLists))]
    public void Each_root_list_binds_the_shared_shape(string list)
    {
        var field = WireSchema.RootLists.Single(l => l.Name == list);
        var property = typeof(WorkspaceDto).GetProperties().Single(p => JsonName(p) == list);

        AssertSameShape(field.Shape!, ElementType(property.PropertyType), list);
    }

    [Fact]
    public void The_root_binds_only_the_shared_lists()
    {
        Assert.Equal(WireSchema.RootLists.Select(l => l.Name).Order(), typeof(WorkspaceDto).GetProperties().Select(JsonName).Order());
    }

    private static void AssertSameShape(WireShape shape, Type dto, string path)
    {
        var properties = dto.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Assert.True(shape.Fields.Select(f => f.Name).Order().SequenceEqual(properties.Select(JsonName).Order()),
            $"{path}: schema [{string.Join(", ", shape.Fields.Select(f => f.Name))}] vs DTO {dto.Name} [{string.Join(", ", properties.Select(JsonName))}]");
        foreach (var property in properties)
        {
            var field = shape.Find(JsonName(property))!;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var where = path + "." + field.Name;
            switch (field.Kind)
            {
                case WireKind.Int64: Assert.True(type == typeof(long), where); break;
                case WireKind.Int32: Assert.True(type == typeof(int), where); break;
                case WireKind.String: Assert.True(type == typeof(string), where); break;
                case WireKind.Any: Assert.True(type == typeof(JsonElement), where); break;
                case WireKind.AnyArray: Assert.True(ElementType(type) == typeof(JsonElement), where); break;
                case WireKind.Int64Array: Assert.True(ElementType(type) == typeof(long), where); break;
                case WireKind.Object: AssertSameShape(field.Shape!, type, where); break;
                case WireKind.ObjectArray: AssertSameShape(field.Shape!, ElementType(type), where); break;
                default: Assert.Fail("unknown kind at " + where); break;
            }
        }
    }

    private static Type ElementType(Type list)
    {
        Assert.True(list.IsGenericType && list.GetGenericTypeDefinition() == typeof(List<>), list.Name + " is not a List<T>");
        return list.GetGenericArguments()[0];
    }

    private static string JsonName(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);
}
