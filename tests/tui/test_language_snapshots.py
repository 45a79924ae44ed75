"""The walk and the gap summary at 80×24 in Chinese and Thai, on the shipped bank in that
language and a session a PM in Shanghai or Bangkok would have typed: wide characters and
Thai marks must not cut a cell in half, push the answer box off the screen or break the
summary's columns.

These read the real catalogs and the bank's real translations, so a reworded message or
question in zh or th changes them: look at the new SVG before accepting it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len
from test_summary_screen import open_summary
from test_walk_snapshots import steady
from textual.pilot import Pilot
from walk_fixtures import FIXED_TIME, FakeOpenSession

from questions.models import QuestionRef
from sessions.models import Answer, Readiness, Session
from walkthrough.context import Context
from walkthrough.i18n import set_language
from walkthrough.tui.app import WalkthroughApp
from walkthrough.tui.screens.walk import WalkScreen
from walkthrough.tui.widgets.key_footer import KeyFooter

# What the PM typed, in their own language: one answer of each kind (ready, partial, an
# overdue gap with no answer, a gap due after the launch, one not applicable).
TYPED = {
    "zh": {
        "name": "Acme 云平台 2.0 上市",
        "webinar": "上市直播发布会、合作伙伴博客系列，以及四月行业展会上的展位。",
        "expo": "预订行业展会展位",
        "dana": "王芳",
        "roi": "投资回报计算器已起草，还需财务部签字确认。",
        "publish": "发布投资回报计算器",
        "lee": "李伟",
        "trademark": "提交商标注册申请",
        "legal": "法务团队",
        "deal-desk": "交易支持台目前只服务旧产品。",
        "app-store": "只通过应用商店销售",
    },
    "th": {
        "name": "เปิดตัว Acme Cloud 2.0",
        "webinar": "สัมมนาออนไลน์เปิดตัว บทความบล็อกร่วมกับพันธมิตร และบูธในงานแสดงสินค้าเดือนเมษายน",
        "expo": "จองบูธงานแสดงสินค้า",
        "dana": "สมชาย",
        "roi": "ร่างเครื่องคำนวณ ROI แล้ว รอฝ่ายการเงินอนุมัติ",
        "publish": "เผยแพร่เครื่องคำนวณ ROI",
        "lee": "วิภาวดี",
        "trademark": "ยื่นจดทะเบียนเครื่องหมายการค้า",
        "legal": "ฝ่ายกฎหมาย",
        "deal-desk": "ฝ่ายสนับสนุนการขายดูแลเฉพาะผลิตภัณฑ์เดิม",
        "app-store": "ขายผ่านแอปสโตร์เท่านั้น",
    },
}
# The longest question of the bank in both languages: the hardest one to fit above the answer box.
WHERE = "find.marketing.value-positioning"
LAUNCH = date(2025, 4, 27)  # 30 days after the pinned today: the countdown shows


@pytest.fixture(params=["zh", "th"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """The language is process-wide: set for the test, English again after it."""
    set_language(request.param)
    yield request.param
    set_language("en")


def typed_session(code: str) -> Session:
    words = TYPED[code]
    answers = {
        "find.marketing.launch-activities": Answer(
            text=words["webinar"],
            readiness=Readiness.READY,
            decision=words["expo"],
            owner=words["dana"],
            due=date(2025, 4, 1),
            risk=4,
            reward=5,
            updated=FIXED_TIME,
        ),
        WHERE: Answer(
            text=words["roi"],
            readiness=Readiness.PARTIAL,
            decision=words["publish"],
            owner=words["lee"],
            due=date(2025, 4, 18),
            risk=3,
            reward=2,
            mitigation=4,
            updated=FIXED_TIME,
        ),
        "find.legal.copyright-trademark": Answer(
            readiness=Readiness.GAP,
            decision=words["trademark"],
            owner=words["legal"],
            due=date(2025, 3, 20),
            risk=5,
            reward=1,
            updated=FIXED_TIME,
        ),
        "buy.sales.process-walkthrough": Answer(
            text=words["deal-desk"],
            readiness=Readiness.GAP,
            owner=words["lee"],
            due=date(2025, 5, 2),
            risk=2,
            reward=4,
            updated=FIXED_TIME,
        ),
        "buy.finance-operations.follow-the-money": Answer(
            readiness=Readiness.NOT_APPLICABLE, na_reason=words["app-store"], updated=FIXED_TIME
        ),
    }
    return Session(
        id="s-typed",
        name=words["name"],
        excluded_teams=["manufacturing"],
        answers=answers,
        position=WHERE,
        launch=LAUNCH,
        created=FIXED_TIME,
        updated=FIXED_TIME,
        bank_id="customer-journey-touchpoints",
        bank_version="1.0",
    )


def typed_app(data_dir: Path, code: str) -> WalkthroughApp:
    """The app on the shipped bank, which it shows in the language in use."""
    session = typed_session(code)
    return WalkthroughApp(Context(data_dir_option=data_dir), open_session=FakeOpenSession(session))  # type: ignore[arg-type]


def test_walk_screen_80x24(snap_compare, data_dir: Path, language: str) -> None:
    assert snap_compare(typed_app(data_dir, language), terminal_size=(80, 24), run_before=steady)


def test_summary_screen_80x24(snap_compare, data_dir: Path, language: str) -> None:
    assert snap_compare(typed_app(data_dir, language), terminal_size=(80, 24), run_before=open_summary)


def on_screen(pilot: Pilot, widget_id: str) -> None:
    region = pilot.app.screen.query_one(widget_id).region
    width, height = pilot.app.size
    assert region.width > 0 and region.height > 0, widget_id
    assert region.x >= 0 and region.y >= 0 and region.right <= width and region.bottom <= height, (
        widget_id,
        region,
    )


async def test_every_question_leaves_the_answer_box_the_readiness_and_the_footer_on_screen(
    data_dir: Path, language: str
) -> None:
    app = typed_app(data_dir, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen)

        def words(ref: QuestionRef) -> int:
            return cell_len(ref.question.prompt) + cell_len(ref.question.why)

        # The question with the most to say, and the one with the longest place line above it.
        for ref in (max(walk.refs, key=words), max(walk.refs, key=lambda ref: cell_len(ref.team.name))):
            walk.go_to(ref)
            await pilot.pause()
            assert walk.current is not None and walk.current.id == ref.id
            on_screen(pilot, "#answer")
            assert walk.query_one("#answer").region.height >= 3  # room to see what is typed
            on_screen(pilot, "#readiness")
            # In view in the details pane, not scrolled out of it.
            assert walk.query_one("#details-pane").region.contains_region(walk.query_one("#readiness").region)
            on_screen(pilot, "#question-prompt")
            on_screen(pilot, "KeyFooter")
            assert walk.query_one(KeyFooter).region.bottom == 24
