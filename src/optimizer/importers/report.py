"""What an import kept, dropped and decided: returned by the API, printed by the CLI.

An importer that silently loses a third of a dataset is worse than none, so every entry that
is not kept is counted under a reason, and every mapping decision that is a guess (a deltoid
head picked from the name, a renamed duplicate id) is counted too. Movement tags are derived
from name cues, so the exercises that got none are counted and named: `avoid.tags` cannot see
them, and a coach tags them by hand before trusting an injury rule on the catalog.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, Field

from ..catalog import Exercise
from ..vocabulary import default_vocabulary

#: Untagged exercises named in the report: enough to see what kind the rules missed.
UNTAGGED_EXAMPLES = 5


class DroppedEntry(BaseModel):
    """One source entry that did not become an exercise."""

    row: str = Field(description="Where it was in the source: its id or row number.")
    name: str
    reason: str = Field(description="A short, stable reason; the key of `ImportReport.dropped`.")
    detail: str = ""


class ImportReport(BaseModel):
    """Counts of an import, so a user can judge the converted catalog before planning with it."""

    source: str
    format: str
    total: int = 0
    kept: int = 0
    dropped: dict[str, int] = Field(default_factory=dict, description="reason -> entries")
    dropped_entries: list[DroppedEntry] = Field(default_factory=list)
    adjustments: dict[str, int] = Field(
        default_factory=dict, description="mapping decisions that were guesses -> entries"
    )
    primary_counts: dict[str, int] = Field(
        default_factory=dict, description="muscle -> kept exercises with it as primary"
    )
    mechanic_counts: dict[str, int] = Field(default_factory=dict)
    intensity_counts: dict[str, int] = Field(default_factory=dict)
    quality_counts: dict[str, int] = Field(
        default_factory=dict, description="quality 1-5 -> kept exercises with it"
    )
    quality_given: int = Field(
        default=0, description="kept exercises whose quality the source gave (not derived)"
    )
    tag_counts: dict[str, int] = Field(
        default_factory=dict, description="movement tag -> kept exercises carrying it"
    )
    tagged: int = Field(default=0, description="kept exercises with at least one movement tag")
    untagged: int = Field(default=0, description="kept exercises carrying no movement tag")
    untagged_examples: list[str] = Field(
        default_factory=list, description="the first few untagged exercises, by name"
    )
    tags_given: int = Field(
        default=0, description="kept exercises whose tags the source gave (not derived)"
    )
    no_pattern: int = Field(default=0, description="kept exercises with no movement pattern")

    def drop(self, row: str, name: str, reason: str, detail: str = "") -> None:
        self.dropped_entries.append(DroppedEntry(row=row, name=name, reason=reason, detail=detail))

    def adjust(self, what: str, n: int = 1) -> None:
        self.adjustments[what] = self.adjustments.get(what, 0) + n

    def finish(self, exercises: Iterable[Exercise], total: int) -> ImportReport:
        """Fill the totals from what was kept and dropped (called once by each importer)."""
        kept = list(exercises)
        self.total = total
        self.kept = len(kept)
        self.dropped = dict(Counter(d.reason for d in self.dropped_entries).most_common())
        primary = Counter(m for ex in kept for m in ex.primary)
        self.primary_counts = {m: primary.get(m, 0) for m in default_vocabulary().muscles}
        self.mechanic_counts = dict(sorted(Counter(ex.mechanic for ex in kept).items()))
        self.intensity_counts = {
            str(k): v for k, v in sorted(Counter(ex.intensity for ex in kept).items())
        }
        self.quality_counts = {
            str(k): v for k, v in sorted(Counter(ex.quality for ex in kept).items())
        }
        tags = Counter(t for ex in kept for t in ex.tags)
        self.tag_counts = {t: tags.get(t, 0) for t in default_vocabulary().tags}
        self.tagged = sum(1 for ex in kept if ex.tags)
        self.untagged = self.kept - self.tagged
        self.untagged_examples = [ex.name for ex in kept if not ex.tags][:UNTAGGED_EXAMPLES]
        self.no_pattern = sum(1 for ex in kept if not ex.pattern)
        self.adjustments = dict(sorted(self.adjustments.items()))
        return self

    def examples(self, reason: str, n: int = 3) -> list[str]:
        """A few dropped names per reason, enough to recognise the kind without a list."""
        return [d.name for d in self.dropped_entries if d.reason == reason][:n]

    def render(self, console=None) -> None:
        """Print the summary tables (rich; plain text when not on a terminal)."""
        from rich.console import Console
        from rich.table import Table

        console = console or Console()
        console.print(
            f"{self.source} ({self.format}): kept {self.kept} of {self.total}, "
            f"dropped {self.total - self.kept}"
        )
        if self.dropped:
            table = Table(title="Dropped", title_justify="left")
            table.add_column("reason")
            table.add_column("entries", justify="right")
            table.add_column("for example")
            for reason, count in self.dropped.items():
                table.add_row(reason, str(count), "; ".join(self.examples(reason)))
            console.print(table)
        if self.adjustments:
            table = Table(title="Mapping decisions", title_justify="left")
            table.add_column("decision")
            table.add_column("entries", justify="right")
            for what, count in self.adjustments.items():
                table.add_row(what, str(count))
            console.print(table)
        table = Table(title="Kept exercises by primary muscle", title_justify="left")
        table.add_column("muscle")
        table.add_column("exercises", justify="right")
        for muscle, count in self.primary_counts.items():
            table.add_row(muscle, str(count) if count else "[bold red]0[/]")
        console.print(table)
        mech = ", ".join(f"{k} {v}" for k, v in self.mechanic_counts.items())
        tiers = ", ".join(f"{k}: {v}" for k, v in self.intensity_counts.items())
        console.print(f"mechanic: {mech}; intensity {tiers}")
        ratings = ", ".join(f"{k}: {v}" for k, v in self.quality_counts.items())
        derived = self.kept - self.quality_given
        source = f"derived for {derived}" + (
            f", from the source for {self.quality_given}" if self.quality_given else ""
        )
        console.print(f"quality {ratings} ({source})")
        for line in self.movement_lines():
            console.print(line)

    def movement_lines(self) -> list[str]:
        """The movement-tag summary: counts per tag, then how many carry no tag, named."""
        counts = ", ".join(f"{k} {v}" for k, v in self.tag_counts.items() if v)
        derived = self.kept - self.tags_given
        source = f"derived for {derived}" + (
            f", from the source for {self.tags_given}" if self.tags_given else ""
        )
        lines = [
            f"movement tags: {counts or 'none'} ({source}); "
            f"{self.tagged} of {self.kept} exercises carry at least one"
        ]
        if self.untagged:
            examples = "; ".join(self.untagged_examples)
            more = ", ..." if self.untagged > len(self.untagged_examples) else ""
            lines.append(
                f"{self.untagged} exercises carry no movement tag (e.g. {examples}{more}): "
                "avoid.tags cannot exclude them; tag them by hand if they matter"
            )
        if self.no_pattern:
            lines.append(f"{self.no_pattern} exercises have no movement pattern")
        return lines
