"""A figure's context: qualifier, change, per, period and when (ISO dates), one sentence per case.

Each case is (sentence, figure text, {field: expected}); `when` is (start, end) as ISO strings
or None for an open side. Written by hand from spec/figures.md, not from extractor output.
"""

from __future__ import annotations

from typing import Any

import pytest

from qatool.extract import find_figures

CASES: list[tuple[str, str, dict[str, Any]]] = [
    # qualifiers
    ("We spent about £5m on repairs.", "£5m", {"qualifier": "about"}),
    ("The base will house c.20,000 personnel.", "20,000", {"qualifier": "about"}),
    ("Growth was just over 0.5% last year.", "0.5%", {"qualifier": "over"}),
    ("Just under 300 officers applied.", "300", {"qualifier": "almost"}),
    ("Fewer than 40 schools replied.", "40", {"qualifier": "under"}),
    ("Grants of up to £6,000 are paid.", "£6,000", {"qualifier": "up to"}),
    ("At least 12 ships were built.", "12", {"qualifier": "at least"}),
    ("Some 500 staff moved.", "500", {"qualifier": "about"}),
    ("It serves 5,000 people or more.", "5,000", {"qualifier": "at least"}),
    # change
    ("Crime rose by 12% last year.", "12%", {"change": "increase"}),
    ("Waiting lists fell by 300.", "300", {"change": "decrease"}),
    ("There was an increase of £4m.", "£4m", {"change": "increase"}),
    ("We saw a reduction of 2% in costs.", "2%", {"change": "decrease"}),
    ("An additional £11 billion was found.", "£11 billion", {"change": "increase"}),
    ("A further 21,000 places opened.", "21,000", {"change": "increase"}),
    ("Staff received a 5.5% pay award.", "5.5%", {"change": "increase"}),
    ("Farmers got a 5% uplift.", "5%", {"change": "increase"}),
    ("There are 1,700 fewer teachers leaving.", "1,700", {"change": "decrease"}),
    ("The rate rose to 15 per cent.", "15 per cent", {"change": None}),
    ("Pay will see an increase of almost 10% over two years.", "10%", {"change": "increase"}),
    ("Rates rose by (i) 10 per cent. and (ii) 20 per cent.", "20 per cent", {"change": "increase"}),
    # per
    ("The UK consumes 117 tonnes of cocaine each year.", "117 tonnes", {"per": "year"}),
    ("Schools receive £5 per pupil.", "£5", {"per": "pupil"}),
    ("It costs £300m a year.", "£300m", {"per": "year"}),
    ("It costs £2m per annum.", "£2m", {"per": "year"}),
    ("We pay £40m annually.", "£40m", {"per": "year"}),
    ("Staff waited more than a year for 5 decisions.", "5", {"per": None}),
    # period
    ("We committed £300m over three years.", "£300m", {"period": (3, "year")}),
    (
        "Over the next decade the budget is £288.6 billion.",
        "£288.6 billion",
        {"period": (10, "year")},
    ),
    ("The Department spent £45.9bn over the last three years.", "£45.9bn", {"period": (3, "year")}),
    # when
    ("In 2023 there were 400 arrests.", "400", {"when": ("2023-01-01", "2023-12-31")}),
    (
        "In the financial year ending 2023, we seized 18.58 tonnes.",
        "18.58 tonnes",
        {"when": ("2022-04-01", "2023-03-31")},
    ),
    ("We allocated £10.2m for 2024-25.", "£10.2m", {"when": ("2024-04-01", "2025-03-31")}),
    ("We allocated £10.2m for 2024/25.", "£10.2m", {"when": ("2024-04-01", "2025-03-31")}),
    ("There were 15 prosecutions in 2005-6.", "15", {"when": ("2005-04-01", "2006-03-31")}),
    (
        "We committed £300m (April 2022 – March 2025).",
        "£300m",
        {"when": ("2022-04-01", "2025-03-31")},
    ),
    ("Since 2010 we have built 5,000 homes.", "5,000", {"when": ("2010-01-01", None)}),
    ("Gas rose to 15 per cent. by 1995.", "15 per cent", {"when": (None, "1995-12-31")}),
    ("As of 10/03/2023, there are 52 claims.", "52", {"when": ("2023-03-10", "2023-03-10")}),
    ("As at 31 Dec 2022, 115 people waited.", "115", {"when": ("2022-12-31", "2022-12-31")}),
    (
        "Waits fell from nine months in March 1988.",
        "nine months",
        {"when": ("1988-03-01", "1988-03-31")},
    ),
    (
        "In the first six months of 2009-10 there were 82 cases.",
        "82",
        {"when": ("2009-04-01", "2009-09-30")},
    ),
    (
        "In the first half of 2021-22 there were 82 cases.",
        "82",
        {"when": ("2021-04-01", "2021-09-30")},
    ),
    (
        "The workforce grew by 2,346 between 2023/24 and 2024/25.",
        "2,346",
        {"when": ("2023-04-01", "2025-03-31")},
    ),
    (
        "In the 12 months to March 2024, there were 5,000 arrests.",
        "5,000",
        {"when": ("2023-04-01", "2024-03-31")},
    ),
    (
        "It paid about £12 billion in 1986–87.",
        "£12 billion",
        {"when": ("1986-04-01", "1987-03-31")},
    ),
    ("In Q3 2024 we paid £5m.", "£5m", {"when": ("2024-07-01", "2024-09-30")}),
    ("We paid £11 billion in the 2023 Spring Statement.", "£11 billion", {"when": None}),
    ("Spending was £3,000 million at 2019 prices.", "£3,000 million", {"when": None}),
    ("The increase of 35% to £94 million over three years.", "35%", {"period": (3, "year")}),
    ("It costs £3,700 per UK household.", "£3,700", {"per": "household"}),
    (
        "It was 9.5 million between February and April 2010.",
        "9.5 million",
        {"when": ("2010-02-01", "2010-04-30")},
    ),
    (
        "For 2023-25, we committed £16.8 billion.",
        "£16.8 billion",
        {"when": ("2023-04-01", "2025-03-31")},
    ),
    (
        "Coal gave 70 per cent. in 1990, falling to 29 per cent. in 1999.",
        "29 per cent",
        {"when": ("1999-01-01", "1999-12-31")},
    ),
    (
        "In 2007-8 there were 6,688, in 2008-9 there were 7193 and in 2009-10 there were 4,035.",
        "7193",
        {"when": ("2008-04-01", "2009-03-31")},
    ),
]


@pytest.mark.parametrize(("sentence", "text", "expected"), CASES, ids=[c[0][:45] for c in CASES])
def test_context(sentence: str, text: str, expected: dict[str, Any]) -> None:
    figures = [f for f in find_figures(sentence) if f.text == text]
    assert len(figures) == 1, find_figures(sentence)
    fig = figures[0]
    for key, want in expected.items():
        if key == "period":
            assert fig.period is not None and (fig.period.value, fig.period.unit) == want, fig
        elif key == "when":
            if want is None:
                assert fig.when is None, fig
            else:
                assert fig.when is not None, fig
                got = tuple(d.isoformat() if d else None for d in (fig.when.start, fig.when.end))
                assert got == want, fig
        else:
            assert getattr(fig, key) == want, fig
