"""Pictures for docs/math.md: a few hard formulas drawn by us and by KaTeX, side by side.

Run by `make math-docs`: python tests/texmath/pictures.py docs/images/math
"""
from __future__ import annotations

import html
import sys
import tempfile
from pathlib import Path

from tests.texmath.browser_pages import open_page, publish_math_font

from blog.render.texmath import number_equations, to_mathml

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"

PICTURES = {
    "ppo-align": r"""\begin{align}
r_t(\theta) &= \frac{\pi_\theta(a_t \mid s_t)}{\pi_{\theta_{\text{old}}}(a_t \mid s_t)} \\
L^{\text{CLIP}}(\theta) &= \hat{\mathbb{E}}_t\left[\min\left(r_t(\theta)\hat{A}_t,\
  \operatorname{clip}(r_t(\theta), 1-\epsilon, 1+\epsilon)\hat{A}_t\right)\right]
\end{align}""",
    "clip-cases": r"""\operatorname{clip}(r, 1-\epsilon, 1+\epsilon) = \begin{cases}
1-\epsilon & r < 1-\epsilon \\ r & 1-\epsilon \le r \le 1+\epsilon \\ 1+\epsilon & r > 1+\epsilon
\end{cases} \tag{3.1}""",
    "gae-underbrace": r"""\hat{A}_t^{\text{GAE}(\gamma,\lambda)} = \sum_{l=0}^{\infty} (\gamma\lambda)^l
\underbrace{\left(r_{t+l} + \gamma V(s_{t+l+1}) - V(s_{t+l})\right)}_{\delta_{t+l}}""",
    "softmax-online": r"""\begin{aligned} m_i &= \max(m_{i-1}, x_i) \\
\ell_i &= \ell_{i-1}\, e^{m_{i-1} - m_i} + e^{x_i - m_i} \end{aligned} \tag*{在线 softmax}""",
    "arrows-matrix": r"""s_t \xrightarrow[\text{env}]{a_t \sim \pi_\theta(\cdot \mid s_t)} s_{t+1}, \qquad
W = \begin{bmatrix} w_{11} & \cdots & w_{1n} \\ \vdots & \ddots & \vdots \\ w_{m1} & \cdots & w_{mn}
\end{bmatrix} \in \mathbb{R}^{m \times n}""",
    "kl-bigg": r"""D_{\mathrm{KL}}\Bigg{(} \pi_{\theta_{\text{old}}}(\cdot \mid s) \,\Bigg\|\,
\pi_\theta(\cdot \mid s) \Bigg{)} \le \delta \therefore \tilde{\pi} \approx \pi""",
}


def _page(root: Path) -> None:
    (root / "css").mkdir(parents=True)
    for name in ("main.css", "math.css"):
        (root / "css" / name).symlink_to(REPO / "static/css" / name)
    (root / "katex").symlink_to(REPO / "node_modules/katex/dist")
    figures = "".join(
        f'<figure id="{name}"><div><p>blog</p><span class="math-display">{to_mathml(tex, display=True).html}'
        f'</span></div><div><p>KaTeX</p><div class="ref" data-tex="{html.escape(tex)}"></div></div></figure>'
        for name, tex in PICTURES.items())
    numbered = number_equations(figures)
    publish_math_font(root, numbered)
    (root / "index.html").write_text(
        '<!doctype html><html lang="zh"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="/css/main.css"><link rel="stylesheet" href="/css/math.css">'
        '<link rel="stylesheet" href="/katex/katex.min.css"><script src="/katex/katex.min.js"></script>'
        "<style>figure{display:grid;grid-template-columns:1fr 1fr;gap:24px;margin:0;padding:12px 16px;"
        "width:1400px} figure p{font:12px sans-serif;color:#868d97;margin:0}</style></head><body>"
        f"{numbered}<script>for (const ref of document.querySelectorAll('.ref'))"
        " katex.render(ref.dataset.tex, ref, {displayMode: true, throwOnError: false, output: 'html'});"
        "</script></body></html>", encoding="utf-8")


def make_pictures(out_dir: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as temp, sync_playwright() as playwright:
        _page(Path(temp))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = open_page(browser, Path(temp), "/index.html", 1440)
        for name in PICTURES:
            target = out_dir / f"{name}.png"
            page.locator(f"#{name}").screenshot(path=str(target))
            written.append(target)
        browser.close()
    return written


if __name__ == "__main__":
    for path in make_pictures(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images/math")):
        print(path)
