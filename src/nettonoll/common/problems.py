"""Problems as the user reads them: the catalogue of `nettonoll.calc.problems` rendered through
gettext in the user's language, one line per cause, and the full list as CSV."""

import base64
from collections.abc import Iterable, Sequence

from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

from nettonoll.calc.problems import Problem, ProblemGroup, Rejected, group, rows
from nettonoll.common.tabular import write_csv

__all__ = ["Problem", "ProblemGroup", "Rejected", "problem_texts", "problems_csv"]

CAUSES_SHOWN = 50  # a page lists this many causes; the CSV has every line
CSV_HEADERS = (gettext_lazy("rad"), gettext_lazy("kolumn"), gettext_lazy("problem"))


def _number(value: int) -> str:
    return str(number_format(value, force_grouping=True))


def text(problem: Problem | ProblemGroup) -> str:
    """One problem, or one line for a cause with its count and first line numbers."""
    if isinstance(problem, ProblemGroup):
        return problem.text(gettext, _number)
    return problem.text(gettext)


def groups(problems: Rejected | Iterable[Problem | ProblemGroup]) -> list[ProblemGroup]:
    return problems.groups if isinstance(problems, Rejected) else group(problems)


def problem_texts(problems: Rejected | Iterable[Problem | ProblemGroup]) -> list[str]:
    """One line per cause, sorted by first line."""
    return [text(g) for g in groups(problems)]


def problems_csv(problems: Rejected | Sequence[ProblemGroup]) -> bytes:
    """Every line with its problem (line, column, message), as Excel opens it."""
    return write_csv([str(h) for h in CSV_HEADERS], rows(groups(problems), gettext))


def problems_csv_link(problems: Rejected | Sequence[ProblemGroup]) -> str:
    """The CSV as a `data:` address, for a page that shows a refused file (nothing is stored)."""
    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(problems_csv(problems)).decode(
        "ascii"
    )


def is_grouped(problems: Rejected | Sequence[ProblemGroup]) -> bool:
    """Whether some cause stands for more than one line (then the CSV is worth offering)."""
    causes = groups(problems)
    return len(causes) > CAUSES_SHOWN or any(g.count > 1 for g in causes)


def problem_line_count(causes: Sequence[ProblemGroup]) -> int:
    """The rows with at least one problem: distinct line numbers, not problems (two problems on
    one row are one row); a cause whose line numbers were not all kept adds those not kept."""
    kept = {line for cause in causes for line in cause.lines}
    return len(kept) + sum(max(0, cause.count - len(cause.lines)) for cause in causes)


def problem_context(
    problems: Rejected | Sequence[ProblemGroup], csv_url: str = ""
) -> dict[str, object]:
    """What a page showing a refused file needs: one line per cause, and where the full list is
    (`csv_url`, or the list itself as a `data:` address) when a cause stands for several lines."""
    causes = groups(problems)
    shown = causes[:CAUSES_SHOWN]
    return {
        "problems": [text(g) for g in shown],
        "problems_more": len(causes) - len(shown),  # the rest are in the CSV
        "problem_lines": problem_line_count(causes),
        "problems_csv": (csv_url or problems_csv_link(problems)) if is_grouped(problems) else "",
    }
