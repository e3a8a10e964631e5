"""The built-in catalog as Python sees it."""

from __future__ import annotations

import rmos

CATALOG = [
    "maple_hard",
    "maple_soft",
    "mahogany_honduran",
    "mahogany_african",
    "rosewood_east_indian",
    "ebony_african",
    "alder",
    "ash_swamp",
    "basswood",
    "spruce_sitka",
    "cedar_western_red",
    "walnut_black",
    "mdf",
    "plywood_baltic",
    "acrylic",
]


def test_materials_lists_the_catalog_in_order() -> None:
    assert [m.id for m in rmos.materials()] == CATALOG


def test_a_material_carries_the_figures_the_rules_use() -> None:
    maple = rmos.material("maple_hard")
    assert maple is not None
    assert (maple.name, maple.hardness, maple.density_kg_m3, maple.resinous) == ("Hard maple", "hard", 720.0, False)
    assert maple.rpm_range == (14000.0, 24000.0)
    assert (maple.rough_feed_mm_min, maple.finish_feed_mm_min, maple.plunge_feed_mm_min) == (3000.0, 2000.0, 600.0)
    assert (maple.max_doc_mm, maple.doc_ratio, maple.woc_ratio) == (8.0, 0.35, 0.4)
    assert (maple.chipload_multiplier, maple.specific_cutting_force_n_mm2) == (0.85, 60.0)
    ebony = rmos.material("ebony_african")
    assert ebony is not None and (ebony.hardness, ebony.resinous) == ("very-hard", True)


def test_unknown_material_is_none() -> None:
    assert rmos.material("unobtainium") is None
    assert rmos.material("") is None


def test_materials_compare_and_hash_by_id() -> None:
    assert rmos.material("mdf") == rmos.materials()[12]
    assert rmos.material("mdf") != rmos.material("alder")
    assert len({m for m in rmos.materials() + rmos.materials()}) == len(CATALOG)
    assert repr(rmos.material("alder")) == (
        "Material(id='alder', name='Red alder', hardness='soft', density_kg_m3=450.0, rpm_range=(12000.0, 24000.0))"
    )


def test_tool_kinds() -> None:
    assert rmos.tool_kinds() == ["flat_end_mill", "ball_nose", "v_bit", "drill"]
