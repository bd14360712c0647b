"""Related posts: same language, shared tags and categories, rarer terms first, deterministic."""

from tests.features.sites import build_tiny, post, titles


def related_section(html: str) -> str:
    return html.split('<h2 id="related-title">')[1].split("</section>")[0]

POSTS = {
    "content/posts/ppo.md": post("PPO", "2026-01-05", tags="[PPO, RLHF, 策略梯度]", categories="[RL]"),
    "content/posts/grpo.md": post("GRPO", "2026-01-04", tags="[GRPO, RLHF, 策略梯度]", categories="[RL]"),
    "content/posts/trpo.md": post("TRPO", "2026-01-03", tags="[TRPO, 策略梯度]", categories="[RL]"),
    "content/posts/dqn.md": post("DQN", "2026-01-02", tags="[DQN]", categories="[RL]"),
    "content/posts/spark.md": post("Spark", "2026-01-01", tags="[Spark]", categories="[大数据]"),
    "content/posts/ppo.en.md": post("PPO in English", "2026-01-05", tags="[PPO, RLHF]", categories="[RL]"),
    "content/posts/rlhf.en.md": post("RLHF in English", "2026-01-06", tags="[RLHF]", categories="[LLM]"),
}


def test_related_posts_share_the_most_and_rarest_terms_in_the_same_language(tmp_path):
    result = build_tiny(tmp_path / "site", POSTS)
    assert result.ok, result.diagnostics
    zh = {page.title: page for page in result.session.site.languages["zh"].posts}
    # GRPO shares RLHF (2 posts) and 策略梯度 (3) and RL (4); TRPO only 策略梯度 and RL; DQN only RL
    assert titles(zh["PPO"].related) == ["GRPO", "TRPO", "DQN"]
    assert titles(zh["DQN"].related) == ["PPO", "GRPO", "TRPO"]  # equal scores: newest first
    assert zh["Spark"].related == []  # nothing shared: no related posts rather than unrelated ones
    en = {page.title: page for page in result.session.site.languages["en"].posts}
    assert titles(en["PPO in English"].related) == ["RLHF in English"]  # never the Chinese posts


def test_related_posts_are_shown_in_the_readers_language_and_limited_by_the_setting(tmp_path):
    result = build_tiny(tmp_path / "site", POSTS, "related: 1, og_image: {enabled: false}")
    html = (tmp_path / "site/public/posts/ppo/index.html").read_text(encoding="utf-8")
    assert '<h2 id="related-title">相关文章</h2>' in html
    assert '<li><a href="/posts/grpo/">GRPO</a>' in related_section(html) and "/posts/trpo/" not in related_section(html)
    english = (tmp_path / "site/public/en/posts/ppo/index.html").read_text(encoding="utf-8")
    assert '<h2 id="related-title">Related posts</h2>' in english
    assert result.ok


def test_the_choice_is_the_same_on_every_build(tmp_path):
    first = build_tiny(tmp_path / "one", POSTS)
    second = build_tiny(tmp_path / "two", dict(reversed(list(POSTS.items()))))
    for lang in ("zh", "en"):
        assert [titles(p.related) for p in first.session.site.languages[lang].posts] == \
               [titles(p.related) for p in second.session.site.languages[lang].posts]


def test_related_zero_turns_the_section_off(tmp_path):
    build_tiny(tmp_path / "site", POSTS, "related: 0, og_image: {enabled: false}")
    assert "related-title" not in (tmp_path / "site/public/posts/ppo/index.html").read_text(encoding="utf-8")


def test_a_warm_build_shows_new_related_posts_when_another_post_changes_its_tags(tmp_path):
    from blog.pipeline.build import BuildOptions, build

    site = tmp_path / "site"
    build_tiny(site, POSTS)
    options = BuildOptions(output_dir=site / "warm", jobs=1)
    assert build(site, options).ok
    (site / "content/posts/spark.md").write_text(post("Spark", "2026-01-01", tags="[GRPO]"), encoding="utf-8")
    assert build(site, options).ok
    html = (site / "warm/posts/grpo/index.html").read_text(encoding="utf-8")
    assert '<a href="/posts/spark/">Spark</a>' in related_section(html)
