"""A day's talks laid out as a timetable: one column per room, one row per time slot.

The layout is computed here, not in the template: the template only walks rows and cells.
Rows are the distinct start and end times of the day's talks; a talk spans the rows from its
start to its end. Two talks overlapping in one room get a second column for that room, so
no cell ever holds two talks.
"""

from dataclasses import dataclass, field
from datetime import time

from conference.models.schedule import DAY_CHANGE

# A talk with a start but no end fills its slot up to this many minutes (or the room's next talk).
DEFAULT_MINUTES = 30


def minute_of_day(value: time) -> int:
    """Minutes since the day's midnight; a time after midnight counts as the next day's (24:30 is 1470)."""
    minutes = value.hour * 60 + value.minute
    return minutes + 24 * 60 if value < DAY_CHANGE else minutes


def clock(minutes: int) -> time:
    return time((minutes // 60) % 24, minutes % 60)


@dataclass
class Cell:
    talk: object = None
    rowspan: int = 1


@dataclass
class Row:
    start: time
    cells: list = field(default_factory=list)


@dataclass
class Column:
    room: str
    lane: int  # 0 for the room's first column, 1 for its overlaps, ...

    @property
    def heading(self) -> str:
        name = self.room or "Room not given"
        return name if self.lane == 0 else f"{name} (overlapping)"


@dataclass
class Timetable:
    columns: list
    rows: list
    untimed: list  # talks without a start time, in their tree order
    ordered: list  # every timed talk in time order: the phone's list

    @property
    def is_empty(self) -> bool:
        return not self.rows


def span(talk, next_start: int | None) -> tuple[int, int]:
    start = minute_of_day(talk.start_time)
    if talk.end_time is not None:
        end = start + int(talk.duration.total_seconds() // 60)
    else:
        end = start + DEFAULT_MINUTES
        if next_start is not None and start < next_start < end:
            end = next_start
    return start, end


def build_timetable(talks) -> Timetable:
    """Lay out `talks` (a day's, any order) as a Timetable."""
    timed = sorted((t for t in talks if t.start_time is not None), key=lambda t: (minute_of_day(t.start_time), t.path))
    untimed = [t for t in talks if t.start_time is None]

    rooms = []
    for talk in timed:
        if talk.room not in rooms:
            rooms.append(talk.room)

    # Spans, with a missing end cut at the room's next talk.
    spans = {}
    for room in rooms:
        in_room = [t for t in timed if t.room == room]
        for talk, following in zip(in_room, in_room[1:] + [None], strict=True):
            spans[talk.pk] = span(talk, minute_of_day(following.start_time) if following else None)

    # Lanes: each talk takes the first column of its room that is free at its start.
    columns, placed = [], {}  # placed: talk pk -> column index
    lane_ends: dict[tuple[str, int], int] = {}
    for room in rooms:
        lane_count = 0
        for talk in (t for t in timed if t.room == room):
            start, end = spans[talk.pk]
            lane = next((n for n in range(lane_count) if lane_ends[(room, n)] <= start), lane_count)
            if lane == lane_count:
                lane_count += 1
                columns.append(Column(room, lane))
            lane_ends[(room, lane)] = end
            placed[talk.pk] = next(i for i, c in enumerate(columns) if c.room == room and c.lane == lane)

    boundaries = sorted({m for s in spans.values() for m in s})
    index = {minute: i for i, minute in enumerate(boundaries)}
    rows = [Row(start=clock(minute)) for minute in boundaries[:-1]]
    grid = [[Cell() for _ in columns] for _ in rows]
    covered = set()
    for talk in timed:
        start, end = spans[talk.pk]
        first, last = index[start], index[end]
        column = placed[talk.pk]
        grid[first][column] = Cell(talk=talk, rowspan=last - first)
        covered.update((r, column) for r in range(first + 1, last))
    for r, row in enumerate(rows):
        row.cells = [cell for c, cell in enumerate(grid[r]) if (r, c) not in covered]
    return Timetable(columns=columns, rows=rows, untimed=untimed, ordered=timed)
