"""What an import did (or, in a dry run, would do), page by page, and its one-line summary."""

from dataclasses import dataclass, field

from .spec import Problem, problem_lines

PAGE_KINDS = ("event", "day", "talk")


@dataclass
class Change:
    # created, updated, published, unchanged, kept (edited in the admin, left as it is),
    # submitted (saved as a draft and sent to review: the importing user may not publish it)
    action: str
    kind: str  # event, day, talk, speaker, image
    label: str
    line: int = 0

    def __str__(self):
        return f"{self.action} {self.kind} {self.label}"


@dataclass
class ImportReport:
    source: str
    dry_run: bool = False
    changes: list[Change] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)  # pages on the site that the notes do not mention
    new_files: list[str] = field(default_factory=list)
    event_id: int | None = None
    # Pages saved as drafts because the user may not publish them, by title; sent to review when they have a workflow.
    not_published: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # what the import changed or dropped

    def warning_lines(self) -> list[str]:
        return problem_lines(self.source, self.warnings)

    @property
    def changed(self) -> bool:
        return any(c.action != "unchanged" for c in self.changes)

    def count(self, action, kinds=PAGE_KINDS) -> int:
        return sum(1 for c in self.changes if c.action == action and c.kind in kinds)

    def summary(self) -> str:
        updated = self.count("updated") + self.count("published")
        text = f"{self.count('created')} created, {updated} updated, {self.count('unchanged')} unchanged"
        if kept := self.count("kept"):
            text += f", {kept} kept as edited in the admin"
        if self.not_published:
            submitted = self.count("submitted")
            text += f", {len(self.not_published)} saved as drafts (you may not publish them)"
            if submitted:
                text += f", {submitted} submitted for review"
        extras = [
            f"{n} {kind}{'s' if n != 1 else ''}"
            for kind in ("speaker", "image")
            if (n := self.count("created", (kind,)))
        ]
        if extras:
            text += f" (new: {', '.join(extras)})"
        return text
