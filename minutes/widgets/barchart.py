"""A small horizontal bar chart drawn with block characters, sized to its widget.

Each bar has a label (shown literally), a value, an optional highlighted part of
that value (drawn first, e.g. the overdue share of someone's open actions) and a
figure written after the bar. Rows that do not fit the widget's height are
summarised in a last "+ N more" line.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import StyleType
from rich.text import Text
from textual.widget import Widget

from minutes.widgets.literal import literal

#: Eighths of a cell, for the fractional end of a bar.
EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
#: From this many columns a chart shows the long labels.
WIDE = 52


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    #: How much of `value` to draw in the highlight style (drawn first).
    part: int = 0
    #: Written after the bar; the value itself when empty.
    figure: str = ""
    #: A fuller label used when the chart is wide enough (a name beside initials).
    long_label: str = ""


def blocks(value: float, scale: float, width: int) -> str:
    """`value` of `scale` as block characters filling at most `width` cells."""
    if scale <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = round(min(value / scale, 1.0) * width * 8)
    eighths = max(eighths, 1)  # anything above zero shows
    full, rest = divmod(eighths, 8)
    return FULL * full + (EIGHTHS[rest] if rest else "")


def draw_bar(
    bar: Bar, scale: int, width: int, style: StyleType = "", part_style: StyleType = ""
) -> Text:
    """One bar `width` cells wide (padded), its highlighted part first."""
    out = Text(end="")
    whole = blocks(bar.value, scale, width)
    if bar.part > 0:
        part = blocks(bar.part, scale, width)
        # The highlighted part ends on a whole cell so the rest joins cleanly.
        part = FULL * min(len(part), len(whole))
        out.append(part, style=part_style)
        whole = whole[len(part) :]
    out.append(whole, style=style)
    out.pad_right(max(0, width - out.cell_len))
    return out


class BarChart(Widget):
    """A titled list of bars that fits whatever size its container gives it."""

    COMPONENT_CLASSES = {"barchart--title", "barchart--bar", "barchart--part"}

    DEFAULT_CSS = """
    BarChart {
        height: 1fr;
        width: 1fr;
        padding: 0 1;
    }
    BarChart > .barchart--title {
        text-style: bold;
    }
    BarChart > .barchart--bar {
        color: $accent;
    }
    BarChart > .barchart--part {
        color: $error;
    }
    """

    def __init__(
        self, heading: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.heading = heading
        self.bars: list[Bar] = []

    def plot(self, bars: list[Bar], heading: str | None = None) -> None:
        """Show these bars (and a new title)."""
        self.bars = list(bars)
        if heading is not None:
            self.heading = heading
        self.refresh()

    def render(self) -> Text:
        width = max(self.content_region.width, 10)
        height = max(self.content_region.height, 2)
        title_style = self.get_component_rich_style("barchart--title")
        lines: list[Text] = [Text(self.heading, style=title_style, end="")]
        if not self.bars:
            lines.append(Text("nothing to show", style="dim", end=""))
            return Text("\n", end="").join(lines)
        wide = width >= WIDE
        names = [b.long_label or b.label if wide else b.label for b in self.bars]
        room = height - 1
        shown = self.bars if len(self.bars) <= room else self.bars[: max(room - 1, 0)]
        label_w = min(max(len(n) for n in names), max(width // 3, 4))
        figures = [b.figure or str(b.value) for b in self.bars]
        figure_w = max(len(f) for f in figures)
        bar_w = max(width - label_w - figure_w - 2, 1)
        scale = max(b.value for b in self.bars)
        colour = self.get_component_rich_style("barchart--bar")
        part_colour = self.get_component_rich_style("barchart--part")
        for bar, name, figure in zip(shown, names, figures, strict=False):
            label = literal(name)
            label.truncate(label_w, overflow="ellipsis", pad=True)
            line = Text(end="")
            line.append_text(label)
            line.append(" ")
            line.append_text(draw_bar(bar, scale, bar_w, colour, part_colour))
            line.append(" " + figure.rjust(figure_w))
            lines.append(line)
        if len(shown) < len(self.bars):
            lines.append(Text(f"+ {len(self.bars) - len(shown)} more", style="dim", end=""))
        return Text("\n", end="").join(lines)
