"""Content of the built-in bank: the touchpoints of the source article, all of them,
in its order, each with questions that cover every concern the design lists."""

from __future__ import annotations

import re

import pytest

from questions.loader import default_bank

STAGES = ["find", "buy", "use", "grow"]

# (stage id, team id) in the article's order: design.md section 2.
TOUCHPOINTS = [
    ("find", "marketing"),
    ("find", "project-management"),
    ("find", "engineering-qa"),
    ("find", "legal"),
    ("buy", "marketing"),
    ("buy", "sales"),
    ("buy", "systems-engineering"),
    ("buy", "manufacturing"),
    ("buy", "finance-operations"),
    ("buy", "legal"),
    ("use", "marketing"),
    ("use", "network-cloud-operations"),
    ("use", "support"),
    ("use", "customer-success"),
    ("use", "engineering"),
    ("grow", "marketing"),
    ("grow", "support"),
    ("grow", "customer-success"),
    ("grow", "network-cloud-operations"),
    ("grow", "sales"),
    ("grow", "systems-engineering"),
]

TEAM_NAMES = {
    "marketing": "Marketing",
    "project-management": "Project management",
    "engineering-qa": "Engineering & QA",
    "legal": "Legal",
    "sales": "Sales",
    "systems-engineering": "Systems engineering",
    "manufacturing": "Manufacturing",
    "finance-operations": "Finance & operations",
    "network-cloud-operations": "Network & cloud operations",
    "support": "Support",
    "customer-success": "Customer success",
    "engineering": "Engineering",
}

# Every concern design.md lists for a touchpoint, as words that must appear in its
# prompts, whys or hints. A missing word means a concern the walkthrough skips.
CONCERNS = {
    ("find", "marketing"): [
        "website",
        "collateral",
        "social",
        "launch",
        "user group",
        "webinar",
        "industry event",
        "road show",
        "giveaway",
        "advisory board",
        "brand",
        "nam",
        "sales team",
        "channel",
        "lead",
        "positioning",
        "conversion",
        "closed sale",
        "money",
    ],
    ("find", "project-management"): [
        "release",
        "documentation",
        "roadmap",
        "SKU",
        "order processing",
        "deal desk",
        "pricing model",
        "pricing exception",
        "gap",
        "sinkhole",
    ],
    ("find", "engineering-qa"): [
        "code",
        "highly available",
        "disaster",
        "data-management policy",
        "data",
        "security",
        "regulatory",
        "third-party vendor",
        "backup vendor",
        "demo",
        "proof of concept",
        "MVP",
        "feedback",
        "quality",
        "performance",
    ],
    ("find", "legal"): [
        "intellectual property",
        "patent",
        "EULA",
        "subscription",
        "copyright",
        "trademark",
        "brand",
        "name",
        "escrow",
        "third-party vendor",
        "channel contract",
        "business model",
    ],
    ("buy", "marketing"): [
        "early-adopter",
        "PoC",
        "MVP",
        "feedback",
        "reward",
        "incentive",
        "messaging",
        "prospect",
        "qualified lead",
        "funnel",
        "app store",
        "catalogue",
        "calls to action",
        "partner programme",
        "market development fund",
        "MDF",
        "launch incentive",
        "migration",
        "customer-facing material",
    ],
    ("buy", "sales"): [
        "first contact",
        "delivery",
        "onboarding",
        "incentive",
        "promotion",
        "sales team",
        "contract",
        "channel",
        "route to market",
        "strategic",
        "VIP",
        "lighthouse",
        "each week",
        "close",
    ],
    ("buy", "systems-engineering"): [
        "direct technical contact",
        "technical teams",
        "trained",
        "process",
        "tool",
        "demo",
        "PoC",
        "MVP",
        "customer-facing training",
    ],
    ("buy", "manufacturing"): [
        "forecast",
        "physical order",
        "fulfil",
        "volume",
        "sales",
        "systems engineering",
        "early",
    ],
    ("buy", "finance-operations"): [
        "purchase process",
        "follow the money",
        "order processing",
        "provisioning",
        "licence enablement",
        "licence key",
        "royalt",
        "late payment",
        "return",
        "replacement",
        "upgrade",
        "commission",
        "financial reporting",
        "metric",
        "booking",
        "revenue",
    ],
    ("buy", "legal"): [
        "negotiation",
        "sales",
        "deal desk",
        "quarter",
        "year end",
        "show-stopper",
        "tactic",
        "SLA",
        "support",
        "warrant",
        "guarantee",
        "liability",
    ],
    ("use", "marketing"): [
        "brand image",
        "replacement",
        "upsell",
        "incentive",
        "customer win",
        "recovery win",
        "analyst",
        "public relations",
        "market share",
        "positioning",
    ],
    ("use", "network-cloud-operations"): [
        "KPI",
        "SLA",
        "uptime",
        "advertis",
        "outage",
        "publish",
        "brand",
        "onboarding",
        "upgrade",
        "migration",
    ],
    ("use", "support"): [
        "SLA",
        "help-desk",
        "response time",
        "user community",
        "training",
        "new feature request",
        "NFR",
        "backlog",
    ],
    ("use", "customer-success"): [
        "adoption",
        "lifetime value",
        "CLV",
        "value promised",
        "progress",
        "leave",
        "NFR pool",
    ],
    ("use", "engineering"): [
        "escalation",
        "priorit",
        "fix",
        "solve problems",
        "commitment",
        "SLA",
    ],
    ("grow", "marketing"): [
        "conference",
        "webinar",
        "seminar",
        "training",
        "advisory board",
        "blog",
        "communit",
        "reward",
        "net promoter score",
        "NPS",
    ],
    ("grow", "support"): [
        "NFR",
        "monitor",
        "self-heal",
        "SLA",
        "time to fix",
        "report",
    ],
    ("grow", "customer-success"): [
        "roadmap",
        "short- and long-term",
        "market research",
        "validate",
        "assumption",
    ],
    ("grow", "network-cloud-operations"): [
        "marketing",
        "customer volume",
        "transaction volume",
        "uptime",
        "gross margin",
        "engineering",
        "continuous improvement",
        "profitab",
    ],
    ("grow", "sales"): [
        "optimise revenue",
        "sell more",
        "faster",
        "upsell",
        "fuller solution",
    ],
    ("grow", "systems-engineering"): [
        "customer success",
        "roadmap",
        "usage",
        "more features",
        "buy more",
    ],
}

# What design.md names as each stage's measures of health.
STAGE_MEASURES = {
    "buy": [
        "time to close",
        "time to revenue",
        "pricing",
        "contract",
        "invoicing",
        "provisioning",
        "training",
    ],
    "use": ["reports and metrics", "good investment", "expectations", "unhappy"],
    "grow": ["six times", "roadmap", "pricing and business models", "differentiated value", "lifetime value"],
}

PROMPT_MAX = 110


@pytest.fixture(scope="module")
def bank():
    return default_bank()


def _touchpoints(bank):
    return {(stage.id, team.id): (stage, team) for stage in bank.stages for team in stage.teams}


def _text_of(team) -> str:
    parts = []
    for q in team.questions:
        parts += [q.prompt, q.why, *q.hints]
    return "\n".join(parts).lower()


def test_bank_loads_with_its_identity(bank):
    assert bank.format == 1
    assert bank.id == "customer-journey-touchpoints"
    assert bank.version == "1.0"
    assert bank.language == "en"
    assert bank.title.strip()
    assert bank.description.strip()


def test_stages_in_article_order(bank):
    assert [s.id for s in bank.stages] == STAGES
    for stage in bank.stages:
        assert stage.title.strip()
        assert stage.summary.strip(), stage.id
        assert stage.measures, stage.id


def test_the_21_touchpoints_in_article_order(bank):
    pairs = [(s.id, t.id) for s in bank.stages for t in s.teams]
    assert pairs == TOUCHPOINTS
    assert len(pairs) == 21


def test_one_name_per_team_across_stages(bank):
    for stage in bank.stages:
        for team in stage.teams:
            assert team.name == TEAM_NAMES[team.id], (stage.id, team.id)
            assert team.focus.strip(), (stage.id, team.id)
    assert bank.team_names() == {team_id: TEAM_NAMES[team_id] for team_id in bank.team_names()}
    assert set(bank.team_names()) == set(TEAM_NAMES)


@pytest.mark.parametrize("touchpoint", TOUCHPOINTS, ids=lambda tp: ".".join(tp))
def test_three_to_six_questions_per_touchpoint(bank, touchpoint):
    _, team = _touchpoints(bank)[touchpoint]
    assert 3 <= len(team.questions) <= 6


def test_question_ids_unique_and_match_their_place(bank):
    refs = bank.walk()
    ids = [r.id for r in refs]
    assert len(ids) == len(set(ids))
    for ref in refs:
        stage, team, slug = ref.id.split(".", 2)
        assert (stage, team) == (ref.stage.id, ref.team.id), ref.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), ref.id


def test_prompts_are_how_questions(bank):
    for ref in bank.walk():
        prompt = ref.question.prompt
        assert prompt.startswith("How "), ref.id
        assert prompt.endswith("?"), ref.id
        assert prompt.count("?") == 1, f"{ref.id}: one question per prompt"
        assert "\n" not in prompt, ref.id
        assert len(prompt) <= PROMPT_MAX, f"{ref.id}: {len(prompt)} characters"


def test_every_question_says_why_it_matters(bank):
    for ref in bank.walk():
        assert ref.question.why.strip(), ref.id
        assert len(ref.question.hints) <= 4, ref.id
        for hint in ref.question.hints:
            assert hint.strip(), ref.id


def test_plain_text_without_markdown(bank):
    # Text is shown in a terminal and in exported Markdown; stray markup would render oddly.
    for ref in bank.walk():
        q = ref.question
        for text in (q.prompt, q.why, *q.hints):
            assert not re.search(r"\*\*|__|`|\[[^\]]*\]\(", text), f"{ref.id}: {text!r}"


def test_concern_table_covers_every_touchpoint():
    assert sorted(CONCERNS) == sorted(TOUCHPOINTS)


@pytest.mark.parametrize("touchpoint", TOUCHPOINTS, ids=lambda tp: ".".join(tp))
def test_every_concern_is_covered(bank, touchpoint):
    _, team = _touchpoints(bank)[touchpoint]
    text = _text_of(team)
    missing = [word for word in CONCERNS[touchpoint] if word.lower() not in text]
    assert not missing, f"{'.'.join(touchpoint)} does not mention {missing}"


@pytest.mark.parametrize("stage_id", sorted(STAGE_MEASURES))
def test_stage_measures_and_summary_name_the_stage_kpis(bank, stage_id):
    stage = next(s for s in bank.stages if s.id == stage_id)
    text = "\n".join([stage.summary, *stage.measures]).lower()
    missing = [word for word in STAGE_MEASURES[stage_id] if word.lower() not in text]
    assert not missing, f"{stage_id} does not mention {missing}"


def test_presets_name_known_teams(bank):
    known = set(bank.team_names())
    presets = {p.id: p for p in bank.presets}
    assert {"saas", "physical", "hybrid"} <= set(presets)
    for preset in bank.presets:
        assert preset.name.strip() and preset.description.strip(), preset.id
        assert set(preset.excluded_teams) <= known, preset.id
    assert "manufacturing" in presets["saas"].excluded_teams
    assert "network-cloud-operations" in presets["physical"].excluded_teams
    assert presets["hybrid"].excluded_teams == ()


def test_every_preset_leaves_questions_in_every_stage(bank):
    for preset in bank.presets:
        for stage in bank.stages:
            kept = [t for t in stage.teams if t.id not in preset.excluded_teams]
            assert kept, (preset.id, stage.id)
