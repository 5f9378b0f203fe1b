using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScimFunctions.Testing.InMemoryTables;

/// <summary>
/// The OData <c>$filter</c> subset Table Storage evaluates and this service's store sends: comparisons
/// (<c>eq ne gt ge lt le</c>) of a property with a literal (string, integer, <c>L</c>-suffixed long, double,
/// <c>true</c>/<c>false</c>, <c>datetime'…'</c>, <c>guid'…'</c>), joined by <c>and</c>, <c>or</c>, <c>not</c> and
/// parentheses. As in Table Storage, a comparison with a missing property or a value of another type is false;
/// strings compare ordinally.
/// </summary>
internal sealed class ODataFilter
{
    private readonly Node _root;

    private ODataFilter(Node root) => _root = root;

    /// <summary>The partition key the filter pins with a top-level <c>PartitionKey eq '…'</c> conjunct, if any.</summary>
    public string? PartitionKey { get; private init; }

    /// <summary>The lowest row key a top-level <c>RowKey ge/gt/eq</c> conjunct allows (inclusive), if any.</summary>
    public string? RowKeyFrom { get; private init; }

    /// <summary>The row key a top-level <c>RowKey lt/le/eq</c> conjunct ends at, if any, and whether it is included.</summary>
    public (string Key, bool Inclusive)? RowKeyTo { get; private init; }

    public static ODataFilter? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parser = new Parser(text);
        var root = parser.ParseOr();
        parser.ExpectEnd();
        var rowKeys = Conjuncts(root).OfType<Comparison>().Where(c => c.Property == "RowKey" && c.LiteralType == "Edm.String").ToList();
        return new ODataFilter(root)
        {
            PartitionKey = PinnedPartition(root),
            RowKeysNamed = Conjuncts(root).Select(NamedRowKeys).FirstOrDefault(keys => keys is not null)?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            RowKeyFrom = rowKeys.Where(c => c.Operator is "ge" or "gt" or "eq").Select(c => c.Literal.GetValue<string>()).Max(StringComparer.Ordinal),
            RowKeyTo = rowKeys.Where(c => c.Operator is "lt" or "le" or "eq").Select(c => ((string Key, bool Inclusive)?)(c.Literal.GetValue<string>(), c.Operator != "lt")).OrderBy(c => c!.Value.Key, StringComparer.Ordinal).FirstOrDefault(),
        };
    }

    /// <summary>
    /// The row keys a top-level conjunct of <c>RowKey eq '…'</c> comparisons joined by <c>or</c> names (the store's
    /// "which of these rows exist" query), so they can be looked up rather than scanned for; null if there is none.
    /// </summary>
    public IReadOnlyList<string>? RowKeysNamed { get; private init; }

    private static List<string>? NamedRowKeys(Node node)
    {
        switch (node)
        {
            case Comparison { Property: "RowKey", Operator: "eq", LiteralType: "Edm.String" } named:
                return [named.Literal.GetValue<string>()];
            case Binary { Operator: "or" } or:
                var left = NamedRowKeys(or.Left);
                var right = left is null ? null : NamedRowKeys(or.Right);
                return right is null ? null : [.. left!, .. right];
            default:
                return null;
        }
    }

    /// <summary>Whether the entity (its keys and its properties with their <c>@odata.type</c> annotations) matches.</summary>
    public bool Matches(string partitionKey, string rowKey, JsonObject properties) => _root.Evaluate(new Row(partitionKey, rowKey, properties));

    private static IEnumerable<Node> Conjuncts(Node node) =>
        node is Binary { Operator: "and" } and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right)) : [node];

    private readonly record struct Row(string PartitionKey, string RowKey, JsonObject Properties);

    private static string? PinnedPartition(Node node) => node switch
    {
        Comparison { Property: "PartitionKey", Operator: "eq", Literal: JsonValue value } when value.TryGetValue<string>(out var key) => key,
        Binary { Operator: "and" } and => PinnedPartition(and.Left) ?? PinnedPartition(and.Right),
        _ => null,
    };

    private abstract record Node
    {
        public abstract bool Evaluate(Row entity);
    }

    private sealed record Binary(string Operator, Node Left, Node Right) : Node
    {
        public override bool Evaluate(Row entity) =>
            Operator == "and" ? Left.Evaluate(entity) && Right.Evaluate(entity) : Left.Evaluate(entity) || Right.Evaluate(entity);
    }

    private sealed record Not(Node Operand) : Node
    {
        public override bool Evaluate(Row entity) => !Operand.Evaluate(entity);
    }

    /// <summary>A literal's type: <c>Edm.String</c>, <c>Edm.Int64</c>, <c>Edm.Double</c>, <c>Edm.Boolean</c>, <c>Edm.DateTime</c>, <c>Edm.Guid</c>.</summary>
    private sealed record Comparison(string Property, string Operator, JsonNode Literal, string LiteralType) : Node
    {
        public override bool Evaluate(Row entity)
        {
            if (Property is "PartitionKey" or "RowKey")
            {
                return LiteralType == "Edm.String" && Holds(string.CompareOrdinal(Property == "RowKey" ? entity.RowKey : entity.PartitionKey, Literal.GetValue<string>()));
            }

            if (!entity.Properties.TryGetPropertyValue(Property, out var node) || node is not JsonValue value)
            {
                return false;
            }

            var type = EntityTypes.TypeOf(entity.Properties, Property);
            int? order = (type, LiteralType) switch
            {
                ("Edm.String", "Edm.String") or ("Edm.Guid", "Edm.Guid") =>
                    string.CompareOrdinal(value.GetValue<string>(), Literal.GetValue<string>()),
                ("Edm.Int32" or "Edm.Int64" or "Edm.Double", "Edm.Int64" or "Edm.Double") =>
                    EntityTypes.Number(value).CompareTo(EntityTypes.Number((JsonValue)Literal)),
                ("Edm.Boolean", "Edm.Boolean") => value.GetValue<bool>().CompareTo(Literal.GetValue<bool>()),
                ("Edm.DateTime", "Edm.DateTime") =>
                    EntityTypes.Date(value.GetValue<string>()).CompareTo(EntityTypes.Date(Literal.GetValue<string>())),
                _ => null,
            };
            return order is { } o && Holds(o);
        }

        private bool Holds(int o) => Operator switch
            {
                "eq" => o == 0,
                "ne" => o != 0,
                "gt" => o > 0,
                "ge" => o >= 0,
                "lt" => o < 0,
                "le" => o <= 0,
                _ => false,
            };
    }

    private sealed class Parser(string text)
    {
        private int _at;

        public Node ParseOr()
        {
            var left = ParseAnd();
            while (TryKeyword("or"))
            {
                left = new Binary("or", left, ParseAnd());
            }

            return left;
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_at != text.Length)
            {
                throw Invalid();
            }
        }

        private Node ParseAnd()
        {
            var left = ParseUnary();
            while (TryKeyword("and"))
            {
                left = new Binary("and", left, ParseUnary());
            }

            return left;
        }

        private Node ParseUnary()
        {
            SkipSpace();
            if (TryKeyword("not"))
            {
                return new Not(ParseUnary());
            }

            if (_at < text.Length && text[_at] == '(')
            {
                _at++;
                var inner = ParseOr();
                SkipSpace();
                if (_at >= text.Length || text[_at] != ')')
                {
                    throw Invalid();
                }

                _at++;
                return inner;
            }

            var property = Word();
            var op = Word();
            if (op is not ("eq" or "ne" or "gt" or "ge" or "lt" or "le"))
            {
                throw Invalid();
            }

            var (literal, type) = Literal();
            return new Comparison(property, op, literal, type);
        }

        private (JsonNode Value, string Type) Literal()
        {
            SkipSpace();
            if (_at < text.Length && text[_at] == '\'')
            {
                return (JsonValue.Create(Quoted()), "Edm.String");
            }

            var word = Word();
            if (_at < text.Length && text[_at] == '\'' && word is "datetime" or "guid")
            {
                return (JsonValue.Create(Quoted()), word == "datetime" ? "Edm.DateTime" : "Edm.Guid");
            }

            if (word is "true" or "false")
            {
                return (JsonValue.Create(word == "true"), "Edm.Boolean");
            }

            var number = word.TrimEnd('L');
            if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return (JsonValue.Create(integer), "Edm.Int64");
            }

            return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                ? (JsonValue.Create(real), "Edm.Double")
                : throw Invalid();
        }

        private string Quoted()
        {
            try
            {
                return ODataText.ReadQuoted(text, ref _at);
            }
            catch (FormatException)
            {
                throw Invalid();
            }
        }

        private string Word()
        {
            SkipSpace();
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '-' or '.' or '+'))
            {
                _at++;
            }

            return _at > start ? text[start.._at] : throw Invalid();
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _at, keyword, 0, keyword.Length) == 0
                && _at + keyword.Length < text.Length && text[_at + keyword.Length] is ' ' or '(')
            {
                _at += keyword.Length;
                return true;
            }

            return false;
        }

        private void SkipSpace()
        {
            while (_at < text.Length && text[_at] == ' ')
            {
                _at++;
            }
        }

        private FormatException Invalid() => new($"Unsupported or malformed $filter at {_at}: {text}");
    }
}

/// <summary>OData literal syntax shared by filters and entity keys.</summary>
internal static class ODataText
{
    /// <summary>The <c>'…'</c> literal starting at <paramref name="at"/> (quotes inside doubled); <paramref name="at"/> ends after it.</summary>
    public static string ReadQuoted(string text, ref int at)
    {
        if (at >= text.Length || text[at] != '\'')
        {
            throw new FormatException("A quoted literal was expected.");
        }

        var value = new StringBuilder();
        at++;
        while (at < text.Length)
        {
            if (text[at] == '\'')
            {
                if (at + 1 < text.Length && text[at + 1] == '\'')
                {
                    value.Append('\'');
                    at += 2;
                    continue;
                }

                at++;
                return value.ToString();
            }

            value.Append(text[at++]);
        }

        throw new FormatException("Unterminated quoted literal.");
    }
}

/// <summary>Property types of a stored entity, from its <c>@odata.type</c> annotations as the SDK writes them.</summary>
internal static class EntityTypes
{
    public const string TypeSuffix = "@odata.type";

    public static string TypeOf(JsonObject entity, string property)
    {
        if (entity.TryGetPropertyValue(property + TypeSuffix, out var annotation) && annotation is not null)
        {
            return annotation.GetValue<string>();
        }

        return entity[property] is JsonValue value ? value.GetValueKind() switch
        {
            JsonValueKind.String => "Edm.String",
            JsonValueKind.True or JsonValueKind.False => "Edm.Boolean",
            JsonValueKind.Number => "Edm.Double",
            _ => "Edm.String",
        } : "Edm.String";
    }

    public static double Number(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String
            ? double.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture)
            : value.GetValue<double>();

    public static DateTimeOffset Date(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
