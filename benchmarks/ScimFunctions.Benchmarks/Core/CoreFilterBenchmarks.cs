using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Benchmarks.Core;

/// <summary>Filter parsing, and parsing plus evaluation over a fully populated user, for what IdPs send and for a complex filter.</summary>
[MemoryDiagnoser]
public class CoreFilterBenchmarks
{
    private const string EntraMatch = "userName eq \"bjensen@example.com\"";
    private const string EntraEmailMatch = "emails[type eq \"work\"].value eq \"bjensen@example.com\"";
    private const string Complex =
        "userType eq \"Employee\" and (emails[type eq \"work\" and value co \"@example.com\"] or not (title pr)) " +
        "and meta.lastModified gt \"2011-05-13T04:42:34Z\" or urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"x\"";

    private readonly ResourceTypeDefinition _userType = ScimSchemas.UserResourceType();
    private JsonObject _user = null!;
    private FilterNode _complexParsed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _user = SampleResources.User();
        _complexParsed = ScimFilter.Parse(Complex);
    }

    [Benchmark]
    public FilterNode Parse_userName_eq() => ScimFilter.Parse(EntraMatch);

    [Benchmark]
    public FilterNode Parse_complex() => ScimFilter.Parse(Complex);

    [Benchmark]
    public bool ParseAndEvaluate_userName_eq() => FilterEvaluator.Matches(ScimFilter.Parse(EntraMatch), _user, _userType);

    [Benchmark]
    public bool ParseAndEvaluate_work_email_value_path() => FilterEvaluator.Matches(ScimFilter.Parse(EntraEmailMatch), _user, _userType);

    [Benchmark]
    public bool ParseAndEvaluate_complex() => FilterEvaluator.Matches(ScimFilter.Parse(Complex), _user, _userType);

    [Benchmark]
    public bool Evaluate_preparsed_complex() => FilterEvaluator.Matches(_complexParsed, _user, _userType);
}
