"""Reading time: Chinese counted by the character, other scripts by the word; code and math left out."""

from blog.render.markdown.excerpt import ExcerptLabels
from blog.render.markdown.parser import ParserOptions
from blog.render.markdown.readingtime import TextCount, reading_minutes
from blog.render.markdown.render import RenderJob, render


def count(body: str) -> TextCount:
    job = RenderJob("content/posts/a.md", body, 1, "/", (), ExcerptLabels(), (), 350, ParserOptions())
    return render(job).text_count


def test_chinese_is_counted_by_the_character_without_punctuation():
    assert count("强化学习的核心，是时序差分。") == TextCount(cjk_chars=12, words=0)


def test_english_is_counted_by_the_word():
    assert count("Policy gradient methods don't need a model; n-step returns unify TD and MC.") == \
        TextCount(cjk_chars=0, words=13)


def test_mixed_text_counts_both():
    assert count("PPO 与 GRPO 的区别在于 critic。") == TextCount(cjk_chars=6, words=3)


def test_code_and_math_are_left_out_headings_lists_tables_and_footnotes_are_not():
    body = """\
## 更新规则

目标是 $G_t = R_{t+1} + \\gamma G_{t+1}$ 的期望，代码是 `td_update(v, s)`。

$$
V(s) \\leftarrow V(s) + \\alpha \\delta
$$

```python
def td_update(v, s):
    return v[s] + alpha * delta
```

- 列表项
- list item

| 列 | column |
|---|---|
| 值 | value |

正文[^1]

[^1]: 脚注 note
"""
    # 更新规则 4, 目标是 3, 的期望 3, 代码是 3, 列表项 3, 列 1, 值 1, 正文 2, 脚注 2
    assert count(body) == TextCount(cjk_chars=22, words=5)


def test_minutes_round_up_and_are_at_least_one():
    assert reading_minutes(TextCount(0, 0), chars_per_minute=300, words_per_minute=200) == 1
    assert reading_minutes(TextCount(300, 0), chars_per_minute=300, words_per_minute=200) == 1
    assert reading_minutes(TextCount(301, 0), chars_per_minute=300, words_per_minute=200) == 2
    assert reading_minutes(TextCount(0, 1000), chars_per_minute=300, words_per_minute=200) == 5
    assert reading_minutes(TextCount(600, 200), chars_per_minute=300, words_per_minute=200) == 3
