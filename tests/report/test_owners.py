"""One owner, one spelling: the walk's suggestions and the summary's owners agree."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from walkthrough.report.owners import owner_key, owner_spellings, same_owner


def test_case_and_spacing_do_not_make_another_owner() -> None:
    assert same_owner("Dee Lam", "  dee   LAM ")
    assert not same_owner("Dee Lam", "Dee Lamb")
    assert owner_key("   ") == ""


def test_the_spelling_shown_is_the_one_used_most_then_the_first() -> None:
    names = ["dana keller", "Lee", "Dana Keller", "Dana Keller ", "Dana  keller", "", "  ", "lee"]
    assert owner_spellings(names) == {"dana keller": "Dana Keller", "lee": "Lee"}
    assert list(owner_spellings(["Ann", "Bo", "bo"])) == ["bo", "ann"]  # most named first


@given(st.lists(st.text(max_size=12), max_size=20))
def test_every_named_owner_has_exactly_one_spelling_among_what_was_typed(names: list[str]) -> None:
    spellings = owner_spellings(names)
    typed = {name.strip() for name in names}
    assert set(spellings) == {owner_key(name) for name in names if owner_key(name)}
    for key, spelling in spellings.items():
        assert spelling in typed and owner_key(spelling) == key
