using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.RegularExpressions;
using Hackle.Internal.Delivery;
using Hackle.Internal.Metrics;
using Hackle.Internal.Sync;
using Microsoft.Extensions.Logging;

namespace Hackle.Runtime.Tests;

/// <summary>
/// The names and ids the docs promise (reason wire names, log event ids, metric tags) are the ones the
/// code has, in both directions: the expected lists are read from the docs themselves, so a change on
/// either side without the other fails here.
/// </summary>
public class DocumentedContractTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", name));

    [Fact]
    public void Every_reason_has_the_wire_name_listed_in_protocol_md_section_3_4()
    {
        var protocol = Doc("protocol.md");
        var start = protocol.IndexOf("Reasons travel as these names", StringComparison.Ordinal);
        var end = protocol.IndexOf("These are the 22 reasons", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "protocol.md §3.4 has its reason list");
        var listed = Regex.Matches(protocol[start..end].Split(':', 2)[1], "[A-Z][A-Z_]+[A-Z]").Select(m => m.Value).ToList();

        var reasons = Enum.GetValues<DecisionReason>();
        Assert.Equal(22, listed.Count);
        Assert.Equal(listed, reasons.Select(r => r.ToWireName()).ToList());
        // The wire name is the member's name in upper snake case (Hackle's Java enum constant), worked out
        // here independently of ToWireName's table.
        foreach (var reason in reasons)
            Assert.Equal(Regex.Replace(reason.ToString(), "(?<=[a-z])(?=[A-Z])", "_").ToUpperInvariant(), reason.ToWireName());
    }

    [Fact]
    public void Every_log_event_id_in_the_hosting_md_table_is_logged_at_its_documented_level_and_no_other_exists()
    {
        var documented = new Dictionary<int, LogLevel>();
        foreach (Match row in Regex.Matches(Doc("hosting.md"), @"^\| (1\d{3}(?:, 1\d{3})*) \| (Debug|Information|Warning|Error) \|", RegexOptions.Multiline))
            foreach (var id in row.Groups[1].Value.Split(", "))
                documented.Add(int.Parse(id), Enum.Parse<LogLevel>(row.Groups[2].Value));

        var inCode = new Dictionary<int, LogLevel>();
        foreach (var method in typeof(Hackle.Internal.Log).GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            if (method.GetCustomAttribute<LoggerMessageAttribute>() is { } message)
                inCode.Add(message.EventId, message.Level);
        // The one message written outside Log: the guarded logger's own "your logger keeps failing" line.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src", "Hackle.Runtime"), "*.cs", SearchOption.AllDirectories))
            foreach (Match m in Regex.Matches(File.ReadAllText(file), @"Log\(LogLevel\.(\w+), new EventId\((\d+)"))
                inCode.Add(int.Parse(m.Groups[2].Value), Enum.Parse<LogLevel>(m.Groups[1].Value));

        Assert.True(documented.Count >= 20, $"hosting.md lists {documented.Count} ids");
        Assert.Equal(documented.OrderBy(p => p.Key).ToList(), inCode.OrderBy(p => p.Key).ToList());
    }

    [Fact]
    public void Drop_causes_and_poll_outcomes_are_the_metric_tags_hosting_md_lists()
    {
        var hosting = Doc("hosting.md");
        List<string> Tags(string instrument, string tag)
        {
            var row = Regex.Match(hosting, @"^\| `" + Regex.Escape(instrument) + @"` \|[^|]*\| `" + tag + @"` \(([^)]*)\)", RegexOptions.Multiline);
            Assert.True(row.Success, $"hosting.md documents {instrument}");
            return Regex.Matches(row.Groups[1].Value, "`([a-z_]+)`").Select(m => m.Groups[1].Value).ToList();
        }

        var scope = new object();
        var recorded = new List<(string Instrument, string Tag, long Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == scope) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags) recorded.Add((instrument.Name, (string)tag.Value!, value));
        });
        listener.Start();
        using var metrics = new HackleMetrics(scope, () => null);
        var counters = new DeliveryCounters(metrics);
        foreach (var cause in Enum.GetValues<DropCause>()) counters.Dropped(3, cause);
        foreach (var outcome in Enum.GetValues<FetchOutcome>()) metrics.Poll(new FetchResult(outcome).Tag);

        var dropped = recorded.Where(r => r.Instrument == "hackle.events.dropped").ToList();
        Assert.Equal(Tags("hackle.events.dropped", "cause"), dropped.Select(r => r.Tag).ToList());
        Assert.All(dropped, r => Assert.Equal(3, r.Value));
        Assert.Equal(Tags("hackle.config.polls", "outcome"), recorded.Where(r => r.Instrument == "hackle.config.polls").Select(r => r.Tag).ToList());
        Assert.Equal(5, dropped.Count);
        Assert.Equal(10, recorded.Count(r => r.Instrument == "hackle.config.polls"));
    }
}
