"""The backlog CSV: RFC 4180 and UTF-8 through the `csv` module, one row per open item in
priority order with the documented columns, a golden file, and every cell a spreadsheet
would run as a formula neutralised."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from questions.loader import load_bank, parse_bank
from sessions.models import Answer, Readiness, Session
from walkthrough.report.backlog import COLUMNS, FORMULA_STARTS, neutralised, render_csv
from walkthrough.report.filters import Selection
from walkthrough.report.summary import summarize

HERE = Path(__file__).resolve().parents[1]
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden" / "full_session.csv"
BANK = load_bank(FIXTURES / "summary" / "bank.yaml")
GENERATED = date(2026, 4, 1)


def full_session() -> Session:
    return Session.model_validate(
        json.loads((FIXTURES / "summary" / "full_session.json").read_text(encoding="utf-8"))
    )


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_golden() -> None:
    rendered = render_csv(BANK, full_session(), generated=GENERATED)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_bytes(rendered.encode("utf-8"))
    assert rendered.encode("utf-8") == GOLDEN.read_bytes(), "export changed: review, then UPDATE_GOLDEN=1"


def test_rfc_4180_and_utf8() -> None:
    text = render_csv(BANK, full_session(), generated=GENERATED)
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    assert text.endswith("\r\n") and not text.startswith("\ufeff")
    records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert all(len(record) == len(COLUMNS) for record in records)
    assert "支持团队" in text and "ยังไม่ได้ทดสอบ" in text
    # A quote inside a cell is doubled, and the cell quoted.
    session = full_session()
    answers = dict(session.answers)
    answers["use.support.nfr"] = Answer(text='She said "soon", then left', owner='Ana "AJ" Souza')
    quoted = render_csv(BANK, session.model_copy(update={"answers": answers}), generated=GENERATED)
    assert '"Ana ""AJ"" Souza"' in quoted
    assert any(row["Assignee"] == 'Ana "AJ" Souza' for row in rows(quoted))


def test_one_row_per_open_item_in_priority_order() -> None:
    session = full_session()
    parsed = rows(render_csv(BANK, session, generated=GENERATED))
    summary = summarize(BANK, session)
    assert [row["Key"] for row in parsed] == [item.ref.id for item in summary.open_items]
    first = parsed[1]  # Q1
    assert first["Key"] == "buy.sales.process"
    assert first["Summary"] == "Hire a deal-desk lead before launch"
    assert first["Status"] == "Gap" and first["Assignee"] == "Ana Souza" and first["Due date"] == "2026-05-15"
    assert (first["Risk"], first["Reward"], first["Mitigation"], first["Priority"]) == ("5", "4", "4", "High")
    assert first["Stage"] == "1. Customers can buy it" and first["Team"] == "Sales"
    assert first["Labels"] == "walkthrough,gap,act-now,after-launch"
    assert (
        "Answer:\nToday every deal goes through legal by email.\nNo SLA on contract review."
        in first["Description"]
    )
    assert "Decision:\nHire a deal-desk lead before launch" in first["Description"]
    unanswered = next(row for row in parsed if row["Key"] == "use.support.nfr")
    assert (
        unanswered["Summary"] == "How will feature requests reach the backlog?"
    )  # no decision: the question
    assert unanswered["Priority"] == "" and unanswered["Labels"] == "walkthrough,unanswered"
    overdue = next(row for row in parsed if row["Key"] == "buy.sales.incentives")
    assert "overdue" in overdue["Labels"].split(",")


def test_a_part_holds_its_open_items_only() -> None:
    parsed = rows(
        render_csv(BANK, full_session(), generated=GENERATED, item_filter=Selection(owners=("dee",)))
    )
    assert [row["Key"] for row in parsed] == ["use.sales.renewal", "use.sales.upsell"]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_formula_cells_are_neutralised(start: str) -> None:
    formula = f'{start}HYPERLINK("http://evil.example","click")'
    bank = parse_bank(
        f"""
id: b
version: "1"
title: T
stages:
  - id: s
    title: "{"=1+1"}"
    teams:
      - id: t
        name: "@team"
        questions:
          - id: q
            prompt: "+How will it work?"
            why: Because.
""",
        "bank.yaml",
    )
    session = Session(
        id="f",
        name="F",
        bank_id="b",
        bank_version="1",
        answers={"q": Answer(text=formula, decision=formula, owner=formula, readiness=Readiness.GAP)},
    )
    (row,) = rows(render_csv(bank, session, generated=GENERATED))
    for column, value in row.items():
        assert not value.startswith(FORMULA_STARTS), (column, value)
    # The text itself is kept, after the apostrophe spreadsheets read as "text".
    # (A leading tab or carriage return is white space, trimmed from a one-line cell.)
    visible = formula.lstrip("\t\r")
    expected = f"'{visible}" if visible.startswith(FORMULA_STARTS) else visible
    assert row["Summary"] == row["Assignee"] == expected
    assert row["Team"] == "'@team" and row["Stage"] == "1. =1+1"


def test_neutralised_leaves_ordinary_text_alone() -> None:
    assert neutralised("Ana Souza") == "Ana Souza"
    assert neutralised("5") == "5"
    assert neutralised("-5 °C") == "'-5 °C"
    assert neutralised("=SUM(A1)") == "'=SUM(A1)"
    assert neutralised("\t=1") == "'\t=1" and neutralised("\r=1") == "'\r=1"
    assert neutralised("@x") == "'@x" and neutralised("+1") == "'+1"


def test_a_due_date_typed_as_words_is_in_the_description_and_the_due_column_stays_a_date() -> None:
    session = full_session()
    answers = dict(session.answers)
    answers["use.support.nfr"] = Answer(
        text="Load test the help desk", readiness=Readiness.GAP, due_text="after the\nsecond sprint"
    )
    parsed = rows(render_csv(BANK, session.model_copy(update={"answers": answers}), generated=GENERATED))
    item = next(row for row in parsed if row["Key"] == "use.support.nfr")
    assert item["Due date"] == ""  # trackers import this column as a date
    assert item["Description"].endswith("Due after the second sprint (not a date).")
    dated = next(row for row in parsed if row["Key"] == "buy.sales.process")
    assert dated["Due date"] == "2026-05-15" and "(not a date)" not in dated["Description"]
