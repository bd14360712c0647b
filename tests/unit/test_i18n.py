from datetime import datetime

from blog.settings.i18n import BUILTIN, format_date, load_strings


def test_dates_never_depend_on_the_locale():
    moment = datetime(2026, 1, 5, 9, 7)
    assert format_date(moment, "%b %d, %Y", BUILTIN["en"]) == "Jan 05, 2026"
    assert format_date(moment, "%B %-d, %Y %H:%M", BUILTIN["en"]) == "January 5, 2026 09:07"
    assert format_date(moment, "%Y年%-m月%-d日 %A", BUILTIN["zh"]) == "2026年1月5日 星期一"


def test_site_overrides_and_their_problems(tmp_path):
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "zh.yaml").write_text("latest_updates: 最新文章\nlatest_update: x\nmonths: [一月]\n",
                                               encoding="utf-8")
    strings, problems = load_strings(tmp_path, "zh")
    assert strings("latest_updates") == "最新文章"
    assert strings("post_count", count=3) == "3 篇文章"
    assert [str(p) for p in problems] == [
        "i18n/zh.yaml:2:1: warning: unknown string 'latest_update'",
        "i18n/zh.yaml:3:9: error: months: expected a list of 12 names",
    ]


def test_every_language_has_every_string():
    assert set(BUILTIN["zh"]) == set(BUILTIN["en"])
