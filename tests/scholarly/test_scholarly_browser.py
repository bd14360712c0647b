"""Theorems, algorithms and references as a reader sees them: the example blog in headless Chromium,
at a phone's and a desktop's width, in light and dark."""

from pathlib import Path

import pytest

from tests.support.cli import run_blog
from tests.support.webserver import static_host

REPO = Path(__file__).resolve().parents[2]
SHOTS = Path("/tmp/blog-scholarly-shots")  # for a person to look at; not part of the result


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("example") / "public"
    run = run_blog("build", "--site", REPO, "--output", out, "--no-cache")
    assert run.code == 0, run.stderr
    return out


def settled(element):
    """`element` scrolled into view once the blocks around it stop moving: post blocks off screen
    are laid out only when they come near (content-visibility), which shifts what follows."""
    element.evaluate("""async el => {
      for (let last = null, tries = 0; tries < 50; tries++) {
        el.scrollIntoView({block: 'center'});
        await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
        const top = el.getBoundingClientRect().top;
        if (top === last) return;
        last = top;
      }
    }""")
    return element


def luminance(rgb: str) -> float:
    red, green, blue = (int(part) for part in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_theorems_algorithms_and_references_render(example, chromium, width, scheme):
    SHOTS.mkdir(exist_ok=True)
    with static_host(example) as root:
        page = chromium.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page.goto(root + "posts/speculative-decoding/")
        algorithm = page.locator("#alg-spec")
        algorithm.screenshot(path=str(SHOTS / f"algorithm-{width}-{scheme}.png"))
        lines = page.eval_on_selector_all(
            "#alg-spec .algorithm-line", "ls => ls.map(l => [getComputedStyle(l).getPropertyValue('--indent').trim(),"
            " l.querySelector('.algorithm-text').getBoundingClientRect().left,"
            " l.querySelector('.algorithm-number') ? l.querySelector('.algorithm-number').getBoundingClientRect().right : null])")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width  # nothing pushes the page sideways
        page.goto(root + "posts/actor-critic/")
        for name, selector in (("theorem", "#thm-pg"), ("references", ".references"),
                               ("citation-group", ".citation:has(#cite-3-2)")):
            settled(page.locator(selector)).screenshot(path=str(SHOTS / f"{name}-{width}-{scheme}.png"))
        found = page.evaluate("""() => {
          const style = e => getComputedStyle(e);
          const theorem = document.querySelector('#thm-pg'), proof = document.querySelector('.kind-proof');
          const qed = proof.querySelector('.qed'), name = theorem.querySelector('.theorem-name');
          const range = document.createRange(); range.selectNodeContents(qed);
          return {scrollWidth: document.scrollingElement.scrollWidth, border: style(theorem).borderLeftWidth,
                  borderColor: style(theorem).borderLeftColor, weight: style(name).fontWeight,
                  color: style(name).color, background: style(document.body).backgroundColor,
                  qed: qed.textContent, qedRight: range.getBoundingClientRect().right,
                  proofRight: proof.getBoundingClientRect().right,
                  entries: [...document.querySelectorAll('.references-list li')].length,
                  // every item of a group is its own link, unbroken, to an entry that links back to it
                  citations: [...document.querySelectorAll('.citation a')].map(a => [
                    a.id, document.querySelector(a.getAttribute('href')).id, a.getClientRects().length,
                    style(a).whiteSpace,
                    !!document.querySelector(`${a.getAttribute('href')} .ref-backlink[href="#${a.id}"]`)])};
        }""")
        page.close()
    by_indent = {}
    for indent, left, _ in lines:
        by_indent.setdefault(int(indent), set()).add(round(left))
    assert all(len(lefts) == 1 for lefts in by_indent.values())  # one column per depth
    steps = [min(by_indent[d + 1]) - min(by_indent[d]) for d in range(max(by_indent))]
    assert steps and all(18 <= step <= 30 for step in steps)  # 1.4em per level
    numbers = {round(right) for _, _, right in lines if right is not None}
    assert len(numbers) == 1  # line numbers right-aligned in one column, left of every line's text
    assert numbers.pop() < min(left for _, left, _ in lines)
    assert found["scrollWidth"] <= width
    assert found["border"] == "3px" and int(found["weight"]) >= 700
    text, background = luminance(found["color"]), luminance(found["background"])
    assert (text < 0.3 < 0.9 < background) if scheme == "light" else (background < 0.2 < 0.8 < text)
    assert luminance(found["borderColor"]) != pytest.approx(background, abs=0.1)  # the rule is visible
    assert found["qed"] == "∎" and found["proofRight"] - found["qedRight"] < 4  # the tombstone ends the proof
    assert found["entries"] == 5
    assert [(anchor, entry) for anchor, entry, *_ in found["citations"]] == [
        ("cite-1", "ref-sutton2000pg"), ("cite-1-2", "ref-sutton2018"), ("cite-2", "ref-sutton2018"),
        ("cite-2-2", "ref-williams1992"), ("cite-3", "ref-konda2000ac"), ("cite-3-2", "ref-sutton2018"),
        ("cite-4", "ref-mnih2016a3c")]
    assert [tuple(rest) for _, _, *rest in found["citations"]] == [(1, "nowrap", True)] * 7
