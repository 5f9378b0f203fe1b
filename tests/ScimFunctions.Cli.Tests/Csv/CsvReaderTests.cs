using ScimFunctions.Cli.Csv;

namespace ScimFunctions.Cli.Tests.Csv;

public sealed class CsvReaderTests
{
    [Fact]
    public void Plain_fields_split_on_commas_and_lines()
    {
        var records = CsvReader.Parse("a,b\r\nc,d\n").ToList();

        Assert.Equal([(1, ["a", "b"]), (2, ["c", "d"])], records.Select(r => (r.Line, r.Fields.ToArray())).ToList(), new RecordComparer());
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_report_their_starting_line()
    {
        var records = CsvReader.Parse("h1,h2\n\"x, y\",\"say \"\"hi\"\"\nthere\"\nlast,row").ToList();

        Assert.Equal(["x, y", "say \"hi\"\nthere"], records[1].Fields);
        Assert.Equal((2, 4), (records[1].Line, records[2].Line));
    }

    [Fact]
    public void Empty_fields_blank_lines_and_a_byte_order_mark_are_handled()
    {
        var records = CsvReader.Parse("\uFEFFa,,c\n\n,\n").ToList();

        Assert.Equal(["a", "", "c"], records[0].Fields);
        Assert.Equal(["", ""], records[1].Fields);
        Assert.Equal(2, records.Count);
    }

    [Fact]
    public void An_unclosed_quote_is_a_format_error_naming_the_line()
    {
        var error = Assert.Throws<FormatException>(() => CsvReader.Parse("a\n\"open,b\n").ToList());

        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_writer_writes_the_reader_reads_back()
    {
        string?[] fields = ["plain", "with, comma", "with \"quote\"", "multi\r\nline", " padded ", null, ""];
        using var writer = new StringWriter();

        await CsvWriter.WriteRecordAsync(writer, fields);

        Assert.Equal(fields.Select(f => f ?? string.Empty), CsvReader.Parse(writer.ToString()).Single().Fields);
    }

    private sealed class RecordComparer : IEqualityComparer<(int, string[])>
    {
        public bool Equals((int, string[]) x, (int, string[]) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((int, string[]) obj) => obj.Item1;
    }
}
