"""Wide and combining text in the widgets: Chinese takes two cells a character, a Thai vowel or
tone mark none. Columns stay aligned, nothing is cut inside a character cluster, and a cut
shows "…".
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, split_graphemes
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets._footer import FooterKey

from questions.loader import default_bank
from questions.translations import built_in_translation, translate
from walkthrough.tui.widgets.cells import ELLIPSIS, fit, pad
from walkthrough.tui.widgets.key_footer import KeyFooter
from walkthrough.tui.widgets.outline import Outline
from walkthrough.tui.widgets.row_table import Column, RowTable

# Real words, not random code points: a Thai cluster is a letter with its marks after it.
CHINESE = ["客户", "旅程", "接触点", "市场营销", "项目管理", "发布", "就绪度", "漏洞"]
THAI = ["ที่", "น้ำ", "กำลัง", "สำหรับ", "ผู้รับผิดชอบ", "ความเสี่ยง", "ฝ่ายการตลาด", "เปิดตัว"]
LATIN = ["Marketing", "Légal", "Продажи", "Sales", "a", "Dana Keller"]
WORDS = st.lists(st.sampled_from(CHINESE + THAI + LATIN), min_size=1, max_size=8).map(" ".join)
MIXED_NAMES = [
    "Launch 客户旅程接触点 市场营销",
    "ฝ่ายการตลาด สำหรับผู้รับผิดชอบ ที่น้ำกำลัง",
    "Plain English name that is long enough to be cut",
    "中文和ไทย mixed ที่ 混合",
    "x",
]


def clusters(text: str) -> list[str]:
    spans, _ = split_graphemes(text)
    return [text[start:end] for start, end, _width in spans]


def is_whole_clusters_of(kept: str, text: str) -> bool:
    """`kept` is `text` up to a cluster boundary (a split wide character may leave a space)."""
    kept = kept.rstrip(" ")
    whole = clusters(text)
    return "".join(whole[: len(clusters(kept))]) == kept if kept else True


@settings(max_examples=300, deadline=None)
@given(text=WORDS, width=st.integers(min_value=1, max_value=40))
def test_fit_never_passes_the_width_and_never_splits_a_cluster(text: str, width: int) -> None:
    fitted = fit(text, width)
    if cell_len(text) <= width:
        assert fitted == text
        return
    assert cell_len(fitted) == width
    kept, ellipsis, after = fitted.rpartition(ELLIPSIS)
    assert ellipsis and after.strip(" ") == ""  # "…" ends the text; a space may pad a cut wide character
    assert is_whole_clusters_of(kept, text)
    # What follows the cut is never a mark torn from the letter kept before it.
    assert unicodedata.category(text[len(kept.rstrip(" "))]) != "Mn"


@settings(max_examples=200, deadline=None)
@given(text=WORDS, width=st.integers(min_value=1, max_value=30), right=st.booleans())
def test_pad_is_always_exactly_the_width(text: str, width: int, right: bool) -> None:
    padded = pad(text, width, right=right)
    assert cell_len(padded) == width
    fitted = fit(text, width)
    assert padded == (
        " " * (width - cell_len(fitted)) + fitted if right else fitted + " " * (width - cell_len(fitted))
    )
    assert fitted == text or cell_len(text) > width


def test_a_thai_cut_keeps_each_letter_with_its_marks() -> None:
    # ผู้ is one cell: ผ with two marks above and below; cutting after it keeps all three.
    assert fit("ผู้รับผิดชอบ", 3) == "ผู้รั" + ELLIPSIS
    assert fit("ผู้รับผิดชอบ", 2) == "ผู้" + ELLIPSIS
    assert fit("ที่น้ำ", 2) == "ที่" + ELLIPSIS


def test_a_chinese_cut_in_the_middle_of_a_character_leaves_a_space_not_half_a_character() -> None:
    assert fit("客户旅程", 4) == "客" + ELLIPSIS + " "
    assert cell_len(fit("客户旅程", 4)) == 4


class TableApp(App[None]):
    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield RowTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.set_columns([Column("名称", 18), Column("Answered", None, "right"), Column("ความพร้อม")])
        table.set_rows(
            [
                ([Text(name), Text(count, justify="right"), Text(name)], str(n))
                for n, (name, count) in enumerate(self.rows)
            ]
        )


def column_starts(line: str) -> list[int]:
    """The cell where each run of non-spaces after two spaces or more starts."""
    starts, cells, gap = [], 0, 2
    for cluster in clusters(line):
        if cluster == " ":
            gap += 1
        else:
            if gap >= 2:
                starts.append(cells)
            gap = 0
        cells += cell_len(cluster)
    return starts


async def test_row_table_columns_line_up_with_chinese_and_thai_cells() -> None:
    rows = [(name, str(count)) for name, count in zip(MIXED_NAMES, (1, 22, 333, 4444, 5), strict=True)]
    app = TableApp(rows)
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        width = table.scrollable_content_region.width
        strips = [table.render_line(y) for y in range(len(rows) + 1)]
        texts = [strip.text for strip in strips]
        # Every line is exactly as wide as the table: no line pushed out by a wide character.
        assert {strip.cell_length for strip in strips} == {width}
        assert {cell_len(text) for text in texts} == {width}
        # The counts are right-aligned: each ends in the same cell.
        ends = [
            cell_len(text[: text.index(count) + len(count)])
            for text, (_name, count) in zip(texts[1:], rows, strict=True)
        ]
        assert len(set(ends)) == 1
        # The third column starts in the same cell on every line.
        assert len({column_starts(text)[-1] for text in texts[1:]}) == 1
        # A cut name ends in "…" and keeps whole clusters.
        for text, (name, _count) in zip(texts[1:], rows, strict=True):
            first = text[1:].split("  ")[0].rstrip()
            if cell_len(name) > 18:
                assert first.endswith(ELLIPSIS), first
                assert is_whole_clusters_of(first[:-1], name)
            else:
                assert first == name


class OutlineApp(App[None]):
    def __init__(self, language: str) -> None:
        super().__init__()
        self.bank = translate(default_bank(), built_in_translation(language))

    def compose(self) -> ComposeResult:
        yield Outline(self.bank, id="outline")

    def on_mount(self) -> None:
        self.query_one(Outline).styles.width = 30
        self.query_one(Outline).update_status({}, frozenset({self.bank.stages[0].teams[0].id}), (0, 1))


async def test_outline_labels_keep_their_numbers_in_one_column_in_chinese_and_thai() -> None:
    for language in ("zh", "th"):
        app = OutlineApp(language)
        async with app.run_test(size=(80, 40)) as pilot:
            await pilot.pause()
            outline = app.query_one(Outline)
            team_labels = [node.label.plain for stage in outline.root.children for node in stage.children]
            stage_labels = [stage.label.plain for stage in outline.root.children]
            assert {cell_len(label) for label in team_labels} == {outline.label_width}, language
            assert all(cell_len(label) <= outline.label_width + 1 for label in stage_labels), language
            for label in team_labels + stage_labels:
                assert not unicodedata.category(label[0]).startswith("M")
            # The long Thai and Chinese team names are cut with "…", between clusters.
            names = {team.name for stage in app.bank.stages for team in stage.teams}
            for label in team_labels:
                shown = label[2:].rsplit(" ", 1)[0].rstrip()
                if shown.endswith(ELLIPSIS):
                    assert any(
                        is_whole_clusters_of(shown[:-1], name) and name.startswith(shown[:-1].rstrip())
                        for name in names
                    )


class KeysScreen(Screen[None]):
    FOOTER_RANK = ("save", "next", "help")
    BINDINGS = [
        Binding("f1", "help", "帮助"),
        Binding("ctrl+s", "save", "保存答案"),
        Binding("ctrl+n", "next", "下一个问题"),
        Binding("ctrl+t", "teams", "适用的团队"),
        Binding("ctrl+o", "outline", "旅程大纲"),
        Binding("escape", "home", "返回主页"),
        Binding("ctrl+e", "export", "导出报告"),
    ]

    def compose(self) -> ComposeResult:
        yield KeyFooter()

    def action_save(self) -> None: ...
    def action_next(self) -> None: ...
    def action_help(self) -> None: ...


class KeysApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(KeysScreen())


async def test_key_footer_measures_chinese_descriptions_in_cells_and_keeps_the_ranked_keys() -> None:
    app = KeysApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        shown = [key.description for key in keys]
        assert {"保存答案", "下一个问题"} <= set(shown)
        assert sum(key.outer_size.width for key in keys) <= 40
        assert all(key.region.right <= 40 for key in keys)
