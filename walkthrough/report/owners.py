"""Owners are typed by hand: "Dee Lam", "dee lam " and "DEE  LAM" are one person.

One key per person (case and spacing ignored) and one spelling to show for them, so the
walk can suggest an owner already named and the summary lists each owner once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def tidy_owner(name: str) -> str:
    """The name with its spacing tidied: what is shown and compared."""
    return " ".join(name.split())


def owner_key(name: str) -> str:
    """The same for every spelling of one owner ("" for nobody)."""
    return tidy_owner(name).casefold()


def same_owner(a: str, b: str) -> bool:
    return owner_key(a) == owner_key(b)


def owner_spellings(names: Iterable[str]) -> dict[str, str]:
    """Owner key -> the spelling to show: the one written most often (trimmed), the first
    written on a tie. Ordered by how often each owner is named, most first (then first named)."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for name in names:
        key = owner_key(name)
        if not key:
            continue
        counts[key] += 1
        # Shown as written (trimmed): the report shows what people typed, only unified.
        spellings.setdefault(key, Counter())[name.strip()] += 1
    # Counter.most_common keeps first-seen order among equal counts.
    return {key: spellings[key].most_common(1)[0][0] for key, _count in counts.most_common()}
