using ScimFunctions.LoadTool.Metrics;

namespace ScimFunctions.LoadTool.Tests.Metrics;

public class PercentilesTests
{
    private static readonly double[] _oneToHundred = [.. Enumerable.Range(1, 100).Select(i => (double)i)];

    [Theory]
    [InlineData(50, 50)]
    [InlineData(95, 95)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(0.5, 1)]
    public void Nearest_rank_of_one_to_a_hundred_is_the_percentile_itself(double percentile, double expected) =>
        Assert.Equal(expected, Percentiles.NearestRank(_oneToHundred, percentile));

    [Fact]
    public void Nearest_rank_rounds_up_to_a_sample_that_exists()
    {
        double[] samples = [10, 20, 30, 40];

        Assert.Equal(20, Percentiles.NearestRank(samples, 50));
        Assert.Equal(40, Percentiles.NearestRank(samples, 95));
        Assert.Equal(10, Percentiles.NearestRank(samples, 25));
        Assert.Equal(30, Percentiles.NearestRank(samples, 50.1));
    }

    [Fact]
    public void A_single_sample_is_every_percentile()
    {
        double[] samples = [7.5];

        Assert.Equal(7.5, Percentiles.NearestRank(samples, 1));
        Assert.Equal(7.5, Percentiles.NearestRank(samples, 99));
    }

    [Fact]
    public void No_samples_give_zero() => Assert.Equal(0, Percentiles.NearestRank([], 99));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.1)]
    public void Percentiles_outside_zero_to_a_hundred_are_rejected(double percentile) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(_oneToHundred, percentile));
}
