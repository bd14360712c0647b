"""`blog new` (a post with front matter) and `blog init` (a new site that builds as it is)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..diagnostics import BlogError, error
from ..settings.config import load_config
from ..settings.urls import slugify


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_post(site_dir: Path, title: str, *, lang: str | None, category: str | None,
             now: datetime | None = None) -> Path:
    config, _ = load_config(site_dir)
    lang = lang or config.default_language
    if lang not in config.languages:
        raise BlogError([error("site.yaml", None, None,
                               f"--lang: '{lang}' is not one of languages ({', '.join(config.languages)})")])
    name = slugify(title)
    suffix = "" if lang == config.default_language else f".{lang}"
    path = site_dir / "content" / "posts" / f"{name}{suffix}.md"
    if path.exists():
        raise BlogError([error(path.relative_to(site_dir).as_posix(), None, None, "already exists; choose another title")])
    moment = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    lines = ["---", f"title: {_yaml_text(title)}", f"date: {moment}"]
    if category:
        lines.append(f"categories: [{_yaml_text(category)}]")
    lines += ["tags: []", "draft: true", "---", "", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


SITE_YAML = """\
title: My Notes
tagline: INCOMING TRANSMISSION
base_url: https://example.org/
default_language: zh
languages:
  zh: {name: 中文, title: 我的笔记}
  en: {name: English, title: My Notes}
paginate: 10
math:
  macros:
    "\\\\R": "\\\\mathbb{R}"
"""

FIRST_POST_ZH = """\
---
title: 你好，世界
date: {date}
categories: [杂七杂八]
tags: [blog]
---

这是用 blog 生成的第一篇文章。正文用 Markdown 书写，公式在构建时就转换成 MathML，比如 $e^{{i\\pi}} + 1 = 0$：

$$
\\sum_{{k=1}}^{{n}} k = \\frac{{n(n+1)}}{{2}}
$$

```python
print("hello, world")
```
"""

FIRST_POST_EN = """\
---
title: Hello, world
date: {date}
categories: [Misc]
tags: [blog]
---

This is the first post built with blog. Write Markdown; math such as $e^{{i\\pi}} + 1 = 0$ becomes
MathML at build time:

$$
\\sum_{{k=1}}^{{n}} k = \\frac{{n(n+1)}}{{2}}
$$
"""

ABOUT = """\
---
title: 关于
---

在 `content/pages/about.md` 里介绍你自己。
"""


def init_site(directory: Path, now: datetime | None = None) -> None:
    if directory.exists() and any(directory.iterdir()):
        raise BlogError([error(str(directory), None, None, "is not empty; blog init only creates new sites")])
    date = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    files = {
        "site.yaml": SITE_YAML,
        "content/posts/hello-world.md": FIRST_POST_ZH.format(date=date),
        "content/posts/hello-world.en.md": FIRST_POST_EN.format(date=date),
        "content/pages/about.md": ABOUT,
        ".gitignore": "/public/\n.blog-cache/\n",
    }
    for relative, text in files.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in ("static", "templates"):
        (directory / folder).mkdir(exist_ok=True)
