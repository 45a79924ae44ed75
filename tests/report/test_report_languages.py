"""The report in the PM's language: the French report against its golden file, the French and
Chinese reports through GitHub's engine (tables and the index's links work) and the Chinese
chart through Mermaid, the CSV's header row translated and still one importable header,
Russian plural forms of days, dates in each language's own form (Babel, loaded only when a
date is shown in a language other than English), typed dates read in the language in use,
and report errors rendered in the language in use while str() stays English.

These read the real catalogs (walkthrough/locale/<lang>/LC_MESSAGES), as the app does.
Regenerate the French golden file after an intended change with:
    UPDATE_GOLDEN=1 python -m pytest tests/report/test_report_languages.py
and read the diff before committing it.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mermaid_check import check, mermaid_blocks
from test_markdown_export import BANK, GENERATED, full_session, headings
from test_mdtext import cmark_gfm

from walkthrough.i18n import gettext, translate_error, using
from walkthrough.report import chart
from walkthrough.report.backlog import COLUMNS, render_csv
from walkthrough.report.dates import DateProblem, describe_date, parse_date
from walkthrough.report.errors import UserError
from walkthrough.report.export import TargetExists, check_target
from walkthrough.report.filters import Selection
from walkthrough.report.launch import countdown, show_date
from walkthrough.report.markdown import render_markdown
from walkthrough.report.parts import selection, split
from walkthrough.report.priority import Quadrant

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "full_session.fr.md"
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
CJK = re.compile(r"[\u4e00-\u9fff]")


def report(code: str) -> str:
    with using(code):
        return render_markdown(BANK, full_session(), generated=GENERATED)


def test_the_french_report_matches_its_golden_file() -> None:
    rendered = report("fr")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(rendered, encoding="utf-8", newline="\n")
    assert GOLDEN.exists(), "no golden file: run with UPDATE_GOLDEN=1 once and review it"
    assert rendered == GOLDEN.read_text(encoding="utf-8"), "export changed: review, then UPDATE_GOLDEN=1"


def test_the_french_report_says_everything_in_french_and_keeps_the_users_words() -> None:
    markdown = report("fr")
    found = headings(MD.parse(markdown))
    assert [h for h in found if h[0] == 2] == [
        (2, "Synthèse"),
        (2, "Plan d'action par responsable"),
        (2, "Par étape et par équipe"),
        (2, "Comment lire ce rapport"),
    ]
    assert found[0] == (1, "Résumé des lacunes : Launch 2027: Atlas | EU")
    assert "lancement dans 30 jours (le 1 mai 2026)" in markdown
    assert "échéance 15 mai 2026 (après le lancement)" in markdown
    # What the PM and the bank wrote is never translated.
    assert "Hire a deal-desk lead before launch" in markdown and "支持团队" in markdown
    for english in ("Executive summary", "Readiness", "open item", "due 2026", "Act now", "not rated"):
        assert english not in markdown, english
    # The English report is what it always was.
    assert "## Executive summary" in report("en") and "launch 2026-05-01, 30 days to launch" in report("en")


@pytest.mark.parametrize("code", ["fr", "zh"])
def test_the_report_renders_in_githubs_engine_with_its_tables_and_links(code: str) -> None:
    markdown = report(code)
    rendered = cmark_gfm(markdown, unsafe=False)
    assert rendered == cmark_gfm(markdown, unsafe=True), "no raw HTML a renderer could drop"
    # The table of open items by stage: its translated header, one row a stage and the total.
    (table,) = re.findall(r"<table>.*?</table>", rendered, flags=re.DOTALL)
    with using(code):
        stage_column = html.escape(gettext("Open items by stage"))
    assert stage_column in rendered
    header = re.findall(r"<th[^>]*>(.*?)</th>", table)
    assert len(header) == 8 and all(header)
    assert len(re.findall(r"<tr>", table)) == 1 + 3
    # Every heading the Markdown has is a heading in GitHub's engine too.
    assert rendered.count("<h2>") == markdown.count("\n## ") + markdown.startswith("## ")
    assert "**" not in html.unescape(re.sub(r"<[^>]+>", "", rendered)), "emphasis left unrendered"
    if code == "zh":
        assert CJK.search(header[0]), header

    # A report split by team: the index links each team's file, by a name that stays ASCII.
    with using(code):
        files = split(BANK, full_session(), generated=GENERATED, part=Selection())
    index = cmark_gfm(files["index.md"], unsafe=False)
    links = dict(re.findall(r'<a href="([^"]+)">([^<]+)</a>', index))
    assert set(links) == set(files) - {"index.md"}
    assert links["sales.md"] == "Sales"


def test_the_chinese_chart_parses_in_mermaid_with_its_chinese_labels() -> None:
    markdown = report("zh")
    (block,) = mermaid_blocks(markdown)
    (result,) = check([block])
    assert result["ok"], result.get("error")
    with using("zh"):
        names = [q.label for q in (Quadrant.ACT_NOW, Quadrant.PROTECT, Quadrant.LATER, Quadrant.OPPORTUNITY)]
    assert sorted(q["text"] for q in result["quadrants"]) == sorted(names)
    assert all(CJK.search(name) for name in names), names
    assert len(result["points"]) == 5


def test_chart_text_with_punctuation_is_quoted_so_mermaid_reads_it_whole() -> None:
    layout = chart.layout([chart.Rated("Q1", 4, 4)])
    source = chart.mermaid(
        layout,
        title="Points ouverts : risque (1–5) × récompense",
        quadrants=["Agir maintenant !", "Protéger", "Plus tard", "Opportunité"],
        x_axis=("Récompense faible", "Récompense élevée"),
        y_axis=("Risque : faible", "Risque : élevé"),
    )
    assert '    title "Points ouverts : risque (1–5) × récompense"' in source
    assert "    quadrant-2 Protéger" in source  # letters alone stay bare, as in English
    (block,) = mermaid_blocks(source + "\n")
    (result,) = check([block])
    assert result["ok"], result.get("error")
    assert result["quadrants"][0]["text"] == "Agir maintenant !"


def test_the_csv_has_one_translated_header_row_and_stays_importable() -> None:
    with using("fr"):
        text = render_csv(BANK, full_session(), generated=GENERATED)
        header = [gettext(column) for column in COLUMNS]
    records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert records[0] == header and header != list(COLUMNS)
    assert "Échéance" in header and "Responsable" in header
    assert len(records) == 1 + 8 and all(len(record) == len(COLUMNS) for record in records)
    # Round trip: what the csv module reads, it writes back byte for byte.
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(records)
    assert out.getvalue() == text
    by_name = [dict(zip(header, record, strict=True)) for record in records[1:]]
    assert {row["Statut"] for row in by_name} <= {"Lacune", "Partiel", "Non évalué", "Sans réponse"}
    assert {row["Priorité"] for row in by_name} <= {"Haute", "Moyenne", "Basse", ""}
    # Dates stay ISO and labels stay English words: trackers parse and filter on them.
    assert any(row["Échéance"] == "2026-05-15" for row in by_name)
    assert all(row["Étiquettes"].startswith("walkthrough,") for row in by_name)
    assert any("act-now" in row["Étiquettes"] for row in by_name)


@pytest.mark.parametrize(
    ("days", "to_launch", "ago"),
    [
        (1, "до запуска 1 день", "вчера"),  # "yesterday", said as a word
        (2, "до запуска 2 дня", "2 дня назад"),
        (5, "до запуска 5 дней", "5 дней назад"),
        (21, "до запуска 21 день", "21 день назад"),
        (22, "до запуска 22 дня", "22 дня назад"),
        (111, "до запуска 111 дней", "111 дней назад"),
    ],
)
def test_days_take_the_russian_plural_forms(days: int, to_launch: str, ago: str) -> None:
    on = date(2026, 4, 1)
    launch = date.fromordinal(on.toordinal() + days)
    with using("ru"):
        assert countdown(launch, on) == to_launch
        assert describe_date(on, launch).endswith(f"· {ago}")


def test_days_in_french_treat_zero_and_one_alike() -> None:
    on = date(2026, 4, 1)
    with using("fr"):
        assert countdown(date(2026, 4, 2), on) == "lancement dans 1 jour"
        assert countdown(date(2026, 4, 3), on) == "lancement dans 2 jours"
        assert countdown(on, on) == "jour du lancement"


def test_dates_are_written_as_each_language_writes_them_and_iso_in_english() -> None:
    day = date(2026, 4, 1)
    said = {}
    for code in ("en", "id", "zh", "fr", "ru", "th"):
        with using(code):
            said[code] = show_date(day)
    assert said == {
        "en": "2026-04-01",
        "id": "1 Apr 2026",
        "zh": "2026年4月1日",
        "fr": "1 avr. 2026",
        "ru": "1 апр. 2026\u202fг.",  # a narrow no-break space, as CLDR writes it
        "th": "1 เม.ย. 2026",
    }


def test_the_report_modules_load_no_babel() -> None:
    # Babel's locale data is read only when a date is shown in another language: exporting,
    # and every command that imports the report, starts without it.
    code = (
        "import sys; import walkthrough.report.markdown, walkthrough.report.backlog, walkthrough.report.dates;"
        "from datetime import date; from walkthrough.report.launch import show_date; show_date(date(2026, 4, 1));"
        "assert not [m for m in sys.modules if m.startswith('babel')], 'babel loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("code", "typed", "expected"),
    [
        ("fr", "31 déc. 2026", date(2026, 12, 31)),
        ("fr", "31 décembre 2026", date(2026, 12, 31)),
        ("fr", "demain", date(2026, 11, 30)),
        ("fr", "vendredi", date(2026, 12, 4)),
        ("zh", "2026年12月31日", date(2026, 12, 31)),
        ("zh", "明天", date(2026, 11, 30)),
        ("ru", "31 декабря 2026", date(2026, 12, 31)),
        ("ru", "31 дек. 2026 г.", date(2026, 12, 31)),
        ("ru", "завтра", date(2026, 11, 30)),
        ("id", "31 Desember 2026", date(2026, 12, 31)),
        ("th", "31 ธ.ค. 2569", date(2026, 12, 31)),  # the Buddhist era, as Thai dates are often written
        ("th", "พรุ่งนี้", date(2026, 11, 30)),
        ("fr", "2026-12-31", date(2026, 12, 31)),  # ISO and English forms are read in every language
        ("zh", "tomorrow", date(2026, 11, 30)),
    ],
)
def test_typed_dates_are_read_in_the_language_in_use(code: str, typed: str, expected: date) -> None:
    with using(code):
        assert parse_date(typed, date(2026, 11, 29)) == expected


def test_a_date_the_language_does_not_name_is_still_refused() -> None:
    with using("fr"):
        for typed in ("31 foo déc. 2026", "déc.", "32 déc. 2026", "demain matin"):
            with pytest.raises(DateProblem):
                parse_date(typed, date(2026, 11, 29))
    with pytest.raises(DateProblem):
        parse_date("31 déc. 2026", date(2026, 11, 29))  # English reads English month names only


def test_report_errors_are_english_in_str_and_translated_by_template(tmp_path: Path) -> None:
    target = tmp_path / "rapport.md"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(TargetExists) as exists:
        check_target(target, replace=False)
    assert str(exists.value) == f"{target} already exists"
    with using("fr"):
        assert translate_error(exists.value) == f"{target} existe déjà"
    with pytest.raises(UserError) as is_dir:
        check_target(tmp_path, replace=True)
    with using("zh"):
        assert translate_error(is_dir.value) == f"无法写入 {tmp_path}：这是一个目录"
    with pytest.raises(UserError) as no_team:
        selection(BANK, full_session(), teams=["Legal"])
    assert str(no_team.value).startswith("no team 'Legal' in this bank; teams: ")
    with using("ru"):
        assert translate_error(no_team.value).startswith("в этом банке нет команды 'Legal'; команды: ")
    with using("fr"):
        with pytest.raises(DateProblem) as problem:
            parse_date("bientôt", date(2026, 11, 29))
        assert translate_error(problem.value).startswith("format non reconnu ; essayez")
    assert str(problem.value).startswith("not a date I can read")


def test_a_message_given_whole_keeps_its_braces_in_every_language() -> None:
    error = UserError("cannot read {draft}: it is a {folder}")
    assert str(error) == "cannot read {draft}: it is a {folder}"
    with using("fr"):
        assert translate_error(error) == "cannot read {draft}: it is a {folder}"


def test_a_translated_error_is_one_line_even_when_what_it_quotes_has_line_breaks(tmp_path: Path) -> None:
    # A file name may hold a line break; the status line, a notice and stderr show one line.
    target = tmp_path / "two\nlines  report.md"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(TargetExists) as exists:
        check_target(target, replace=False)
    with using("fr"):
        assert translate_error(exists.value) == f"{tmp_path}/two lines report.md existe déjà"
    assert translate_error(OSError("disk\n  full")) == "disk full"
