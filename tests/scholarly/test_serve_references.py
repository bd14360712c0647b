"""`blog serve`: a save that inserts an earlier equation renumbers the references of other posts."""

import re

from tests.scholarly.reference_posts import GRPO, PPO_ZH, SITE
from tests.support.live_server import Server, free_port
from tests.support.sites import write_site


def shown_references(server: Server, url: str) -> list[str]:
    return re.findall(r'<a class="xref" href="[^"]*"[^>]*>([^<]*)</a>', server.get(url)[2].decode())


def test_a_save_renumbers_the_referring_post(tmp_path):
    site = write_site(tmp_path / "site", {"site.yaml": SITE, "content/posts/ppo.md": PPO_ZH,
                                          "content/posts/grpo.md": GRPO})
    server = Server(site, free_port())
    try:
        assert shown_references(server, "/posts/grpo/") == ["式 (2)", "定理 1", "式 (2)"]
        ppo = site / "content/posts/ppo.md"
        ppo.write_text(ppo.read_text(encoding="utf-8").replace("$$ r_t", "$$ c = d $$ {#eq-first}\n\n$$ r_t"),
                       encoding="utf-8")
        assert "posts/grpo/index.html" in server.reload_with("posts/grpo/index.html")
        assert shown_references(server, "/posts/grpo/") == ["式 (3)", "定理 1", "式 (3)"]
        assert shown_references(server, "/posts/ppo/")[:2] == ["式 (2)", "式 (3)"]
    finally:
        server.stop()
