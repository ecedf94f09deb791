using System.Globalization;
using System.Net;
using System.Text;

namespace Assistant.Host.Admin;

/// <summary>One named row of values drawn in one colour; a null value is a gap (nothing measured that day).</summary>
internal sealed record ChartSeries(string Name, string Colour, IReadOnlyList<double?> Values);

/// <summary>
/// Charts as inline SVG, drawn on the server: no script, no external asset, and a <c>viewBox</c> so they scale to any
/// width, a phone's included.
/// </summary>
internal static class SvgChart
{
    private const double Width = 600;
    private const double Height = 240;
    private const double Left = 58;
    private const double Right = 12;
    private const double Top = 14;
    private const double Bottom = 36;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;

    /// <summary>Vertical bars per label, the series stacked on each other.</summary>
    /// <param name="wholeNumbers">Counts: the axis steps by whole numbers.</param>
    public static string StackedBars(string name, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, Func<double, string> format, bool wholeNumbers = false)
    {
        var totals = labels.Select((_, i) => series.Sum(s => s.Values[i] ?? 0)).ToList();
        var (max, steps) = Axis(totals.DefaultIfEmpty(0).Max(), wholeNumbers);
        var svg = Open(name);
        Grid(svg, max, steps, format);
        var slot = PlotWidth / Math.Max(1, labels.Count);
        var barWidth = Math.Max(2, slot * 0.7);
        for (var i = 0; i < labels.Count; i++)
        {
            var x = Left + (i * slot) + ((slot - barWidth) / 2);
            var y = Top + PlotHeight;
            foreach (var s in series)
            {
                var value = s.Values[i] ?? 0;
                if (value <= 0)
                {
                    continue;
                }

                var height = value / max * PlotHeight;
                y -= height;
                svg.Append(Invariant($"<rect class=\"bar\" x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{barWidth:0.#}\" height=\"{height:0.#}\" fill=\"{s.Colour}\">"))
                    .Append(Invariant($"<title>{Encode(labels[i])} · {Encode(s.Name)}: {Encode(format(value))}</title></rect>"));
            }
        }

        XLabels(svg, labels, slot);
        return Close(svg, series);
    }

    /// <summary>One line per series across the labels; a gap where a value is missing.</summary>
    public static string Lines(string name, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, Func<double, string> format)
    {
        var (max, steps) = Axis(series.SelectMany(s => s.Values).Select(v => v ?? 0).DefaultIfEmpty(0).Max(), wholeNumbers: false);
        var svg = Open(name);
        Grid(svg, max, steps, format);
        var slot = PlotWidth / Math.Max(1, labels.Count);
        foreach (var s in series)
        {
            var points = new List<string>();
            for (var i = 0; i < labels.Count; i++)
            {
                if (s.Values[i] is not { } value)
                {
                    Polyline(svg, points, s.Colour);
                    points = [];
                    continue;
                }

                var (x, y) = (Left + (i * slot) + (slot / 2), Top + PlotHeight - (value / max * PlotHeight));
                points.Add(Invariant($"{x:0.#},{y:0.#}"));
                svg.Append(Invariant($"<circle class=\"point\" cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3.5\" fill=\"{s.Colour}\">"))
                    .Append(Invariant($"<title>{Encode(labels[i])} · {Encode(s.Name)}: {Encode(format(value))}</title></circle>"));
            }

            Polyline(svg, points, s.Colour);
        }

        XLabels(svg, labels, slot);
        return Close(svg, series);
    }

    /// <summary>One horizontal bar per item, longest first, its count at its end.</summary>
    public static string HorizontalBars(string name, IReadOnlyList<(string Label, long Count)> items, string colour)
    {
        var rowHeight = 26.0;
        var height = (Math.Max(1, items.Count) * rowHeight) + 8;
        var labelWidth = 180.0;
        var max = Math.Max(1, items.Select(i => i.Count).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder(Invariant($"<svg class=\"chart\" data-chart=\"{Encode(name)}\" viewBox=\"0 0 {Width} {height:0}\" role=\"img\" aria-label=\"{Encode(name)}\" xmlns=\"http://www.w3.org/2000/svg\">"));
        if (items.Count == 0)
        {
            svg.Append("<text x=\"8\" y=\"20\" class=\"empty\">No handoffs in this period.</text>");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var (label, count) = items[i];
            var y = 4 + (i * rowHeight);
            var width = count / (double)max * (Width - labelWidth - 60);
            svg.Append(Invariant($"<text x=\"{labelWidth - 8}\" y=\"{y + 17:0.#}\" text-anchor=\"end\">{Encode(label)}</text>"))
                .Append(Invariant($"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y + 4:0.#}\" width=\"{Math.Max(2, width):0.#}\" height=\"{rowHeight - 8:0.#}\" fill=\"{colour}\"><title>{Encode(label)}: {count}</title></rect>"))
                .Append(Invariant($"<text x=\"{labelWidth + Math.Max(2, width) + 6:0.#}\" y=\"{y + 17:0.#}\">{count}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string name) =>
        new(Invariant($"<svg class=\"chart\" data-chart=\"{Encode(name)}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(name)}\" xmlns=\"http://www.w3.org/2000/svg\">"));

    private static string Close(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        var x = Left;
        foreach (var s in series)
        {
            svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{Height - 10}\" width=\"10\" height=\"10\" fill=\"{s.Colour}\"/>"))
                .Append(Invariant($"<text x=\"{x + 14:0.#}\" y=\"{Height - 1}\">{Encode(s.Name)}</text>"));
            // Room for the name at the larger font phones get (the page's CSS).
            x += 26 + (s.Name.Length * 9.5);
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Grid(StringBuilder svg, double max, int steps, Func<double, string> format)
    {
        for (var step = 0; step <= steps; step++)
        {
            var y = Top + PlotHeight - (step / (double)steps * PlotHeight);
            svg.Append(Invariant($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>"))
                .Append(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Encode(format(max * step / steps))}</text>"));
        }
    }

    private static void XLabels(StringBuilder svg, IReadOnlyList<string> labels, double slot)
    {
        // About eight labels fit under the plot; the rest are left to the bars' tooltips and the table.
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 8.0));
        for (var i = 0; i < labels.Count; i += every)
        {
            svg.Append(Invariant($"<text x=\"{Left + (i * slot) + (slot / 2):0.#}\" y=\"{Top + PlotHeight + 14:0.#}\" text-anchor=\"middle\">{Encode(labels[i])}</text>"));
        }
    }

    private static void Polyline(StringBuilder svg, List<string> points, string colour)
    {
        if (points.Count > 1)
        {
            svg.Append(Invariant($"<polyline class=\"line\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" points=\"{string.Join(' ', points)}\"/>"));
        }
    }

    /// <summary>
    /// The axis's top and its number of steps: a round step (1, 2, 2.5 or 5 times a power of ten; whole for counts)
    /// and at most five of them, so the grid reads as plain numbers.
    /// </summary>
    private static (double Max, int Steps) Axis(double max, bool wholeNumbers)
    {
        if (max <= 0)
        {
            return (1, 1);
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max / 5)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude)
            .Where(c => !wholeNumbers || (c >= 1 && c == Math.Floor(c)))
            .First(c => Math.Ceiling(max / c) <= 5);
        var steps = (int)Math.Ceiling(max / step);
        return (step * steps, steps);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
