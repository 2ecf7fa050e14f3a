"""What a schedule import did (or, in a dry run, would do), for the command's output and the admin preview."""

from dataclasses import dataclass, field


@dataclass
class ScheduleReport:
    lines: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    not_published: list[str] = field(default_factory=list)  # titles the user may not publish: drafts
    submitted: int = 0

    def note(self, action, text):
        self.counts[action] = self.counts.get(action, 0) + 1
        if action != "unchanged":
            self.lines.append(f"{action} {text}")

    @property
    def changed(self) -> bool:
        return any(n for action, n in self.counts.items() if action != "unchanged")

    def summary(self) -> str:
        order = ("created", "updated", "moved", "unchanged")
        text = ", ".join(f"{self.counts.get(a, 0)} {a}" for a in order)
        if self.not_published:  # worded as the notes import's report
            text += f", {len(self.not_published)} saved as drafts (you may not publish them)"
            if self.submitted:
                text += f", {self.submitted} submitted for review"
        return text
