"""UI strings per language (built in for zh and en, overridden by i18n/LANG.yaml) and date formatting.

Dates are formatted here rather than with strftime's %b/%A so the output never depends on the
machine's locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, error
from .validation import Field, Place, Section
from .yamlsrc import load_yaml

_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
_EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

BUILTIN: dict[str, dict[str, Any]] = {
    "en": {
        "date_format": "%b %-d, %Y",
        "months": _EN_MONTHS,
        "months_short": [m[:3] for m in _EN_MONTHS],
        "weekdays": _EN_DAYS,
        "weekdays_short": [d[:3] for d in _EN_DAYS],
        "latest_updates": "Latest Updates",
        "newer": "Newer",
        "older": "Older",
        "newer_post": "Newer post",
        "older_post": "Older post",
        "read_more": "Read more",
        "categories": "Categories",
        "tags": "Tags",
        "archives": "Archives",
        "search": "Search",
        "search_placeholder": "Search posts…",
        "search_no_results": "No results for “{query}”",
        "search_label": "Search this site",
        "search_clear": "Clear",
        "search_load_more": "Load more results",
        "search_one_result": "1 result for “{query}”",
        "search_many_results": "{count} results for “{query}”",
        "searching": "Searching for “{query}”…",
        "search_needs_javascript": "Search runs in your browser and needs JavaScript.",
        "search_nothing_yet": "There is nothing to search yet: no posts have been published.",
        "no_posts_yet": "No posts yet. New posts will appear here.",
        "home": "Home",
        "menu": "Site menu",
        "toc": "Contents",
        "translations": "Also in",
        "language": "Language",
        "updated": "Updated",
        "draft": "Draft",
        "post_count": "{count} posts",
        "posts_in_category": "Category: {term}",
        "posts_tagged": "Tag: {term}",
        "page_n": "Page {number}",
        "pagination": "Pages",
        "not_found_title": "Page not found",
        "not_found_text": "The page you are looking for does not exist or has moved.",
        "back_home": "Back to the home page",
        "feed": "Feed",
        "footnotes": "Notes",
        "excerpt_math": "[Math]",
        "excerpt_formula": "[Formula]",
        "excerpt_code": "[Code]",
        "notebook_show_code": "Show code",
        "notebook_show_output": "Show output",
        "notebook_show_cell": "Show cell",
        "notebook_image_alt": "Output of cell {cell}",
        "box_formula": "Formula",
        "box_table": "Table",
        "theme_toggle": "Toggle dark mode",
        "skip_to_content": "Skip to content",
        "reading_time": "{minutes} min read",
        "copy_code": "Copy",
        "code_copied": "Copied",
        "back_to_top": "Back to top",
        "series": "Series",
        "series_title": "Series: {name}",
        "series_part": "Part {part} of {count}",
        "series_previous": "Previous part",
        "series_next": "Next part",
        "series_parts": "{count} parts",
        "related_posts": "Related posts",
        "comments": "Comments",
    },
    "zh": {
        "date_format": "%Y-%m-%d",
        "months": [f"{n}月" for n in range(1, 13)],
        "months_short": [f"{n}月" for n in range(1, 13)],
        "weekdays": ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
        "weekdays_short": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
        "latest_updates": "最近更新",
        "newer": "较新",
        "older": "较早",
        "newer_post": "较新一篇",
        "older_post": "较早一篇",
        "read_more": "阅读全文",
        "categories": "分类",
        "tags": "标签",
        "archives": "归档",
        "search": "搜索",
        "search_placeholder": "搜索文章…",
        "search_no_results": "没有找到与“{query}”相关的结果",
        "search_label": "站内搜索",
        "search_clear": "清除",
        "search_load_more": "加载更多结果",
        "search_one_result": "找到 1 篇与“{query}”相关的文章",
        "search_many_results": "找到 {count} 篇与“{query}”相关的文章",
        "searching": "正在搜索“{query}”…",
        "search_needs_javascript": "搜索在浏览器中运行，需要启用 JavaScript。",
        "search_nothing_yet": "还没有可以搜索的内容：尚未发布任何文章。",
        "no_posts_yet": "还没有文章。新文章发布后会显示在这里。",
        "home": "首页",
        "menu": "站点导航",
        "toc": "目录",
        "translations": "其他语言",
        "language": "语言",
        "updated": "更新于",
        "draft": "草稿",
        "post_count": "{count} 篇文章",
        "posts_in_category": "分类：{term}",
        "posts_tagged": "标签：{term}",
        "page_n": "第 {number} 页",
        "pagination": "分页",
        "not_found_title": "页面不存在",
        "not_found_text": "你要找的页面不存在，或者已经移动。",
        "back_home": "返回首页",
        "feed": "订阅",
        "footnotes": "注释",
        "excerpt_math": "[Math]",
        "excerpt_formula": "[公式]",
        "excerpt_code": "[代码]",
        "notebook_show_code": "显示代码",
        "notebook_show_output": "显示输出",
        "notebook_show_cell": "显示单元格",
        "notebook_image_alt": "第 {cell} 个单元格的输出",
        "box_formula": "公式",
        "box_table": "表格",
        "theme_toggle": "切换深色模式",
        "skip_to_content": "跳到正文",
        "reading_time": "阅读约 {minutes} 分钟",
        "copy_code": "复制",
        "code_copied": "已复制",
        "back_to_top": "回到顶部",
        "series": "系列",
        "series_title": "系列：{name}",
        "series_part": "第 {part}/{count} 篇",
        "series_previous": "上一篇",
        "series_next": "下一篇",
        "series_parts": "共 {count} 篇",
        "related_posts": "相关文章",
        "comments": "评论",
    },
}
_ADMONITION_TITLES = {
    "en": {"note": "Note", "tip": "Tip", "info": "Info", "success": "Success", "question": "Question",
           "warning": "Warning", "caution": "Caution", "danger": "Danger", "failure": "Failure", "bug": "Bug",
           "example": "Example", "quote": "Quote", "important": "Important", "abstract": "Abstract",
           "details": "Details"},
    "zh": {"note": "注意", "tip": "提示", "info": "信息", "success": "成功", "question": "问题",
           "warning": "警告", "caution": "小心", "danger": "危险", "failure": "失败", "bug": "Bug",
           "example": "示例", "quote": "引用", "important": "重要", "abstract": "摘要", "details": "详情"},
}
for _lang, _titles in _ADMONITION_TITLES.items():
    BUILTIN[_lang].update({f"admonition_{kind}": title for kind, title in _titles.items()})

# Numbered objects (scholarly/): names in captions, theorem heads and cross-references.
_OBJECT_NAMES = {
    "en": {"equation": "Eq.", "figure": "Figure", "table": "Table", "algorithm": "Algorithm",
           "theorem": "Theorem", "lemma": "Lemma", "proposition": "Proposition", "corollary": "Corollary",
           "definition": "Definition", "example": "Example", "remark": "Remark", "proof": "Proof",
           "note": " ({})"},  # a theorem's title after its number
    "zh": {"equation": "式", "figure": "图", "table": "表", "algorithm": "算法",
           "theorem": "定理", "lemma": "引理", "proposition": "命题", "corollary": "推论",
           "definition": "定义", "example": "例", "remark": "注", "proof": "证明", "note": "（{}）"},
}
for _lang, _names in _OBJECT_NAMES.items():
    BUILTIN[_lang].update({f"object_{kind}": name for kind, name in _names.items()})
BUILTIN["en"].update({"references": "References", "cited_at": "Back to citation {number}",
                      "cite_this_post": "Cite this post", "list_separator": ", "})
BUILTIN["zh"].update({"references": "参考文献", "cited_at": "返回第 {number} 处引用",
                      "cite_this_post": "引用本文", "list_separator": "、"})


def _ui_text(raw: Any, place: Place) -> Any:
    return raw if isinstance(raw, str) else place.fail(f"expected text, got {raw!r}")


@dataclass(frozen=True)
class _Names:
    count: int  # of months or of weekdays

    def __call__(self, raw: Any, place: Place) -> Any:
        if isinstance(raw, list) and len(raw) == self.count and all(isinstance(name, str) for name in raw):
            return raw
        return place.fail(f"expected a list of {self.count} names")


_LIST_KEYS = {"months": 12, "months_short": 12, "weekdays": 7, "weekdays_short": 7}
# What i18n/LANG.yaml may set: the built-in strings.
_OVERRIDES = Section({key: Field(_Names(_LIST_KEYS[key]) if key in _LIST_KEYS else _ui_text) for key in BUILTIN["en"]},
                     unknown=lambda place, known: f"unknown string '{place.name}'")


@dataclass(frozen=True)
class Strings:
    """The UI strings of one language; `strings("post_count", count=3)` formats placeholders."""

    lang: str
    table: dict[str, Any]

    def __call__(self, key: str, **values: Any) -> str:
        text = self.table.get(key, key)
        return text.format(**values) if values else text

    def with_prefix(self, prefix: str) -> tuple[tuple[str, str], ...]:
        """The strings named `prefix…`, keyed without the prefix (e.g. admonition titles)."""
        return tuple(sorted((key[len(prefix):], text) for key, text in self.table.items() if key.startswith(prefix)))

    def format_date(self, value: date, fmt: str | None = None) -> str:
        return format_date(value, fmt or self.table["date_format"], self.table)


def load_strings(site_dir: Path, lang: str) -> tuple[Strings, list[Diagnostic]]:
    """Built-in strings for `lang` (English for unknown languages) with i18n/LANG.yaml on top."""
    table = dict(BUILTIN.get(lang, BUILTIN["en"]))
    src_path = f"i18n/{lang}.yaml"
    path = site_dir / src_path
    if not path.is_file():
        return Strings(lang, table), []
    doc, problems = load_yaml(path.read_text(encoding="utf-8-sig"), src_path)
    if doc is None:
        return Strings(lang, table), problems
    if not isinstance(doc.data, dict):
        return Strings(lang, table), [error(src_path, 1, 1, "expected a mapping of string names to text")]
    values, _ = _OVERRIDES.check(doc.data, Place(doc, problems))
    table.update(values)
    return Strings(lang, table), problems


_DIRECTIVE = re.compile(r"%(-?)([A-Za-z%])")


def format_date(value: date, fmt: str, names: dict[str, Any]) -> str:
    """strftime's common directives, with month and day names from `names`, never the locale."""
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)

    def directive(match: re.Match[str]) -> str:
        unpadded, code = match.group(1) == "-", match.group(2)
        numbers = {"Y": (moment.year, 4), "m": (moment.month, 2), "d": (moment.day, 2),
                   "H": (moment.hour, 2), "M": (moment.minute, 2), "S": (moment.second, 2),
                   "e": (moment.day, 1), "j": (moment.timetuple().tm_yday, 3)}
        if code in numbers:
            number, width = numbers[code]
            return str(number) if unpadded else str(number).zfill(width)
        texts = {"b": names["months_short"][moment.month - 1], "B": names["months"][moment.month - 1],
                 "a": names["weekdays_short"][moment.weekday()], "A": names["weekdays"][moment.weekday()],
                 "y": f"{moment.year % 100:02d}", "z": moment.strftime("%z"), "%": "%"}
        return texts.get(code, match.group(0))

    return _DIRECTIVE.sub(directive, fmt)
