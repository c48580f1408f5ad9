"""Quality guard: the seed and the invented dev texts, scored pooled, never fall below the floors.

The floors live in ``quality_floors.json`` beside this file; a change that loses extraction
quality fails here, in CI, instead of being found on the next real live blog.
"""
import json
from pathlib import Path

import pytest

from tests.conftest import DEV, SEED, SEED_GOLD

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pooled():
    from kg.eval import load_gold, pool, score
    from kg.pipeline import build_dataset

    pairs = [(SEED, SEED_GOLD)] + [(p, p.with_suffix(".json")) for p in sorted(DEV.glob("*.txt"))]
    assert len(pairs) == 4, "the seed and three dev texts are expected"
    results = {}
    for text, gold in pairs:
        ds, _ = build_dataset([text], strict=True)
        results[text.name] = score(load_gold(gold), ds)
    return pool(results)


@pytest.mark.slow
@pytest.mark.parametrize("category", sorted(FLOORS["floors"]))
def test_category_holds_its_floor(pooled, category):
    floor = FLOORS["floors"][category]
    f1 = pooled[category].f1
    assert f1 >= floor - FLOORS["tolerance"], f"{category}: pooled F1 {f1:.3f} is below its floor {floor}"


@pytest.mark.slow
def test_responds_to_links_hold(pooled):
    found = pooled["statements"].extra["responds_to"]["found"]
    assert found >= FLOORS["responds_to_found"], f"responds-to links found: {found}"
