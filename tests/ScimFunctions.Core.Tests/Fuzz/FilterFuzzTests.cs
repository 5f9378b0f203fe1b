using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Tests.Filters;

namespace ScimFunctions.Core.Tests.Fuzz;

/// <summary>
/// Feeds the filter parser, the PATCH path parser and the evaluator with thousands of random and mutated inputs (fixed
/// seed, so a failure reproduces) and checks that the only exception that ever comes out is a 400 ScimException, that
/// nothing hangs, that hostile nesting cannot overflow the stack, and that every tree prints back to an equal tree.
/// </summary>
public class FilterFuzzTests
{
    private const int Seed = 7644;
    private const int MutatedInputs = 12_000;
    private const int RandomTokenInputs = 4_000;

    private static readonly string[] s_corpus =
    [
        "userName eq \"bjensen@example.com\"",
        "userName Eq \"BJENSEN@EXAMPLE.COM\" and active eq true",
        "externalId eq \"Ext-701984\" or id eq \"2819c223-7f76-453a-919d-413861904646\"",
        "name.familyName co \"O'Malley\"",
        "title pr",
        "title pr and userType eq \"Employee\"",
        "title pr or userType eq \"Intern\"",
        "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
        "meta.lastModified ge \"2011-05-13T04:42:34Z\" and meta.created lt \"2020-01-01T00:00:00+01:00\"",
        "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
        "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
        "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
        "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
        "emails[type eq \"work\"].value eq \"bjensen@example.com\"",
        "roles[primary eq \"True\"]",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915\"",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value sw \"2611\"]",
        TestSchemas.AcmeUrn + ":level gt 6 and " + TestSchemas.AcmeUrn + ":score le 12.5e0",
        TestSchemas.AcmeUrn + ":tags[value ew \"en\"] or " + TestSchemas.AcmeUrn + ":badge eq \"QUJD\"",
        "displayName sw \"Babs\" and not (nickName eq null)",
        "x509Certificates.value eq \"MIIDQzCCAqygAwIBAgICEAAwDQYJ\"",
        "members eq \"2819c223\" and displayName eq \"Tour Guides\"",
        "members[value eq \"x\" or display co \"Mandy\"]",
        "userName eq \"say \\\"hi\\\" \\\\ \\u00e9 \\n\"",
        "((userName ew \".com\")) and not (not (active eq false))",
        "active eq \"False\" or active ne true",
        "phoneNumbers[type eq \"mobile\"].value pr",
        "userName eq Runscope208Fhpjrendo659@atko.com",
        "externalId eq jyoung and emails[type eq work].value eq a@b.c",
        "(userName eq akadmin) or members[value eq 2819c223-7f76]",
    ];

    private static readonly string[] s_tokens =
    [
        "userName", "name.givenName", "emails", "emails.value", "members", "active", "meta.created", "id", "externalId", "type", "value", "primary",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "urn:ietf:params:scim:schemas:core:2.0:User:userName", "urn:", "urn::x",
        "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "EQ", "Pr",
        "and", "or", "not", "AND", "Not",
        "true", "false", "null", "True", "0", "-1", "1.5", "1e400", "01", "-", "1.", "12abc",
        "\"x\"", "\"\"", "\"True\"", "\"2011-05-13T04:42:34Z\"", "\"unterminated", "\"\\u00e9\"", "\"\\x\"", "\"\\u12\"",
        "(", ")", "[", "]", ".", "\"", "\\", ":", "$ref", "'x'", "=", "é", "\0", "\t", " ", "  ",
        "akadmin", "jyoung", "bob@example.com", "@", "a@b.c", "007", "-x", "x.y.z", "a\\b", "Runscope208@atko.com", "displayName",
    ];

    private static readonly char[] s_alphabet = "abcdeqnotrpswlgz ()[].:\"\\-$_019eE+/\t\n\0é'=@".ToCharArray();

    [Fact]
    public async Task Random_and_mutated_filters_yield_only_scim_errors_and_never_hang()
    {
        var run = Task.Run(() => Fuzz(new Random(Seed)));

        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(120)));
        Assert.True(first == run, "Fuzzing did not finish within 120 seconds.");
        var (inputs, parsed, unquotedOnly, failures) = await run;
        Assert.True(inputs >= MutatedInputs + RandomTokenInputs, $"Only {inputs} inputs were tried.");
        Assert.True(parsed > 1_000 && parsed < inputs, $"{parsed} of {inputs} inputs parsed: the generator does not cover both outcomes.");
        Assert.True(unquotedOnly > 100, $"Only {unquotedOnly} inputs parsed only with unquoted strings: the generator does not make bare values.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Theory]
    [InlineData("(", "")]
    [InlineData("not (", "")]
    [InlineData("emails[", "")]
    [InlineData("a pr and (", "")]
    [InlineData("", ")")]
    [InlineData("", "]")]
    public void Hundred_thousand_nested_or_unbalanced_groups_are_invalidFilter(string prefix, string suffix)
    {
        var text = string.Concat(Enumerable.Repeat(prefix, 100_000)) + "a pr" + string.Concat(Enumerable.Repeat(suffix, 100_000));
        var noLengthLimit = new FilterLimits(MaxLength: int.MaxValue);

        var filterError = Assert.Throws<ScimException>(() => ScimFilter.Parse(text, noLengthLimit));
        var pathError = Assert.Throws<ScimException>(() => PatchPath.Parse(text, noLengthLimit));

        Assert.Equal(ScimType.InvalidFilter, filterError.ScimType);
        Assert.Equal(400, pathError.Status);
    }

    private static (int Inputs, int Parsed, int UnquotedOnly, List<string> Failures) Fuzz(Random random)
    {
        var user = TestSchemas.Babs();
        var group = TestSchemas.Tour();
        var emails = TestSchemas.User.Schema.FindAttribute("emails")!;
        var failures = new List<string>();
        var inputs = 0;
        var parsed = 0;
        var unquotedOnly = 0;
        var stopwatch = Stopwatch.StartNew();

        for (var i = 0; i < MutatedInputs + RandomTokenInputs; i++)
        {
            var text = i < MutatedInputs ? Mutate(s_corpus[random.Next(s_corpus.Length)], random) : RandomTokens(random);
            inputs++;
            try
            {
                if (Check(text, user, group, emails, failures))
                {
                    parsed++;
                }
                else if (FilterParsing.TryParse(text, out _, out _) is false && ParsesWithUnquotedStrings(text))
                {
                    unquotedOnly++;
                }
            }
#pragma warning disable CA1031 // Any exception other than ScimException is exactly what this test reports.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failures.Add($"{exception.GetType().Name} for {Quote(text)}: {exception.Message}");
            }
        }

        failures.AddRange(stopwatch.Elapsed > TimeSpan.FromSeconds(100) ? [$"Fuzzing took {stopwatch.Elapsed}."] : []);
        return (inputs, parsed, unquotedOnly, failures);
    }

    /// <summary>True when <paramref name="text"/> parsed as a filter.</summary>
    private static bool Check(string text, JsonObject user, JsonObject group, Schemas.AttributeDefinition emails, List<string> failures)
    {
        var ok = FilterParsing.TryParse(text, out var filter, out var error);
        var thrown = Record.Exception(() => ScimFilter.Parse(text));
        if (ok == thrown is not null)
        {
            failures.Add($"Parse and TryParse disagree for {Quote(text)}.");
        }

        CheckUnquotedStrings(text, ok ? filter : null, failures);
        if (!ok)
        {
            ExpectClientError(error!, text, failures, ScimType.InvalidFilter);
        }
        else
        {
            var reparsed = ScimFilter.Parse(filter!.ToString(), new FilterLimits(int.MaxValue, int.MaxValue, int.MaxValue));
            if (!reparsed.Equals(filter))
            {
                failures.Add($"{Quote(text)} printed as {Quote(filter.ToString())} re-parses to {Quote(reparsed.ToString())}.");
            }

            OnlyScimErrors(() => FilterEvaluator.Matches(filter, user, TestSchemas.User), text, failures);
            OnlyScimErrors(() => FilterEvaluator.Matches(filter, group, TestSchemas.Group), text, failures);
            OnlyScimErrors(() => FilterEvaluator.Validate(filter, TestSchemas.User), text, failures);
        }

        try
        {
            var path = PatchPath.Parse(text);
            if (path.ValueFilter is { } valueFilter)
            {
                foreach (var email in user["emails"]!.AsArray())
                {
                    OnlyScimErrors(() => FilterEvaluator.MatchesValue(valueFilter, email, emails), text, failures);
                }
            }
        }
        catch (ScimException pathError)
        {
            ExpectClientError(pathError, text, failures, ScimType.InvalidPath, ScimType.InvalidFilter);
        }

        return ok;
    }

    /// <summary>
    /// The lenient parse (<see cref="CompatibilityOptions.UnquotedFilterStrings"/>) throws only 400 invalidFilter, keeps
    /// every tree the strict parse gives, and its trees print as strict filters that re-parse to the same tree.
    /// </summary>
    private static void CheckUnquotedStrings(string text, FilterNode? strict, List<string> failures)
    {
        foreach (var resourceType in new[] { TestSchemas.User, TestSchemas.Group })
        {
            FilterNode lenient;
            try
            {
                lenient = ScimFilter.Parse(text, resourceType, CompatibilityOptions.Default);
            }
            catch (ScimException error)
            {
                ExpectClientError(error, text, failures, ScimType.InvalidFilter);
                if (strict is not null)
                {
                    failures.Add($"{Quote(text)} parses strictly but not with unquoted strings.");
                }

                continue;
            }

            if (strict is not null && !strict.Equals(lenient))
            {
                failures.Add($"{Quote(text)} parses to {Quote(lenient.ToString())} with unquoted strings, {Quote(strict.ToString())} without.");
            }

            if (!FilterParsing.TryParse(lenient.ToString(), out var reparsed, out _, new FilterLimits(int.MaxValue, int.MaxValue, int.MaxValue)) || !reparsed.Equals(lenient))
            {
                failures.Add($"{Quote(text)} read with unquoted strings prints as {Quote(lenient.ToString())}, which does not re-parse to it.");
            }
        }
    }

    private static bool ParsesWithUnquotedStrings(string text)
    {
        try
        {
            ScimFilter.Parse(text, TestSchemas.User, CompatibilityOptions.Default);
            return true;
        }
        catch (ScimException)
        {
            return false;
        }
    }

    private static void OnlyScimErrors(Action action, string text, List<string> failures)
    {
        try
        {
            action();
        }
        catch (ScimException error)
        {
            ExpectClientError(error, text, failures, ScimType.InvalidFilter);
        }
    }

    private static void ExpectClientError(ScimException error, string text, List<string> failures, params ScimType[] types)
    {
        if (error.Status != 400 || error.ScimType is not { } type || !types.Contains(type) || string.IsNullOrEmpty(error.Detail))
        {
            failures.Add($"{error.Status} {error.ScimType} '{error.Detail}' for {Quote(text)}.");
        }
    }

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var mutations = 1 + random.Next(4);
        for (var m = 0; m < mutations; m++)
        {
            var at = builder.Length == 0 ? 0 : random.Next(builder.Length);
            switch (random.Next(7))
            {
                case 0:
                    builder.Insert(at, s_alphabet[random.Next(s_alphabet.Length)]);
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(at, Math.Min(builder.Length - at, 1 + random.Next(3)));
                    break;
                case 2 when builder.Length > 0:
                    builder[at] = s_alphabet[random.Next(s_alphabet.Length)];
                    break;
                case 3:
                    builder.Insert(at, " " + s_tokens[random.Next(s_tokens.Length)] + " ");
                    break;
                case 4 when builder.Length > 0:
                    var length = Math.Min(builder.Length - at, 1 + random.Next(12));
                    builder.Insert(at, builder.ToString(at, length));
                    break;
                case 5:
                    builder.Length = at;
                    break;
                default:
                    builder.Insert(0, random.Next(2) == 0 ? "not (" : "(").Append(')');
                    break;
            }
        }

        return builder.ToString();
    }

    private static string RandomTokens(Random random)
    {
        var count = 1 + random.Next(12);
        var parts = new string[count];
        for (var t = 0; t < count; t++)
        {
            parts[t] = s_tokens[random.Next(s_tokens.Length)];
        }

        return string.Join(random.Next(4) == 0 ? string.Empty : " ", parts);
    }

    private static string Quote(string text) => "'" + (text.Length > 200 ? text[..200] + "…" : text) + "'";
}
