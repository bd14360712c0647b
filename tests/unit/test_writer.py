import os
from pathlib import Path

import pytest

from blog.output.routes import Copy, Route, without_case_twins
from blog.output.writer import Output, StagingWriter, case_blind, collect_outputs, unsafe_output_reason
from tests.support.waiting import wait_for_folder


def test_commit_swaps_in_the_new_output_and_keeps_nothing_stale(tmp_path):
    output = tmp_path / "public"
    output.mkdir()
    (output / "stale.html").write_text("old")
    writer = StagingWriter(output)
    writer.write_bytes("posts/a/index.html", b"new")
    writer.commit()
    assert (output / "posts/a/index.html").read_bytes() == b"new"
    assert not (output / "stale.html").exists()
    # the old output is removed in the background: no staging or old folder stays beside it
    assert wait_for_folder(tmp_path, lambda: sorted(os.listdir(tmp_path)) == ["public"]), os.listdir(tmp_path)


def test_abort_leaves_the_previous_output_byte_for_byte(tmp_path):
    output = tmp_path / "public"
    output.mkdir()
    (output / "index.html").write_bytes(b"previous")
    writer = StagingWriter(output)
    writer.write_bytes("index.html", b"half-built")
    writer.abort()
    assert (output / "index.html").read_bytes() == b"previous"
    assert sorted(os.listdir(tmp_path)) == ["public"]


def test_leftovers_of_a_killed_build_are_cleaned_but_nothing_else(tmp_path):
    (tmp_path / ".public.staging-abc").mkdir()
    (tmp_path / ".public.old-def").mkdir()
    (tmp_path / "notes.txt").write_text("mine")
    StagingWriter(tmp_path / "public").abort()
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


def test_paths_outside_the_output_are_refused(tmp_path):
    writer = StagingWriter(tmp_path / "public")
    for bad in ("../escape.html", "/etc/passwd", "a/../../b"):
        with pytest.raises(ValueError):
            writer.write_bytes(bad, b"x")
    writer.abort()
    assert not (tmp_path / "escape.html").exists()


def test_output_folders_that_would_destroy_the_site_are_refused(tmp_path):
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    assert unsafe_output_reason(site, site) == "it holds the site itself"
    assert unsafe_output_reason(tmp_path, site) == "it holds the site itself"
    assert unsafe_output_reason(site / "content" / "out", site) == "it is inside the site's content/ folder"
    assert unsafe_output_reason(site / "public", site) is None
    assert unsafe_output_reason(tmp_path / "elsewhere", site) is None


def test_many_files_in_new_nested_folders_are_all_written(tmp_path):
    output = tmp_path / "public"
    writer = StagingWriter(output)
    for number in range(300):
        writer.write_bytes(f"posts/{number % 7}/p{number}/index.html", str(number).encode())
    writer.commit()
    for number in range(300):
        assert (output / f"posts/{number % 7}/p{number}/index.html").read_bytes() == str(number).encode()


def test_a_file_that_cannot_be_written_fails_the_commit_and_the_previous_output_stays(tmp_path):
    output = tmp_path / "public"
    output.mkdir()
    (output / "index.html").write_bytes(b"previous")
    writer = StagingWriter(output)
    writer.write_bytes("index.html", b"new")
    writer.copy_file("logo.png", tmp_path / "missing.png")
    with pytest.raises(FileNotFoundError):
        writer.commit()
    writer.abort()
    assert (output / "index.html").read_bytes() == b"previous"
    assert sorted(os.listdir(tmp_path)) == ["public"]


def test_case_blind_asks_the_disk_about_the_nearest_existing_folder(tmp_path):
    probe = tmp_path / "Probe"
    probe.mkdir()
    blind = (tmp_path / "pROBE").exists()  # what this disk does, found by hand
    assert case_blind(probe / "public" / "not-yet") is blind
    (tmp_path / "other").mkdir()
    if not blind:  # two folders differing only in case are two folders, not one disk's answer
        (tmp_path / "OTHER").mkdir()
        assert case_blind(tmp_path / "other") is False


def test_a_copy_differing_from_a_page_only_in_case_is_left_out_for_a_case_blind_disk():
    routes = [Route("/tags/rl/", "tags/rl/index.html", "term.html", "zh", {}, (), "tags")]
    copies = [Copy("tags/RL/index.html", Path("static/tags/RL/index.html"), "static/tags/RL/index.html"),
              Copy("tags/RL.png", Path("static/tags/RL.png"), "static/tags/RL.png")]
    assert without_case_twins(routes, copies) == copies[1:]


def test_a_path_planned_twice_or_inside_a_taken_folder_is_refused_with_both_makers():
    planned = [("a/index.html", Output("content/posts/a.md", b"1")), ("css/x.css", Output("static/css/x.css")),
               ("a/index.html", Output("content/pages/a.md", b"2")), ("pagefind/0/x.js", Output("static/pagefind/0/x.js"))]
    outputs, problems = collect_outputs(planned, {"pagefind/0/": "the search index"})
    assert outputs["a/index.html"].producer == "content/posts/a.md"
    assert [str(p) for p in problems] == [
        "content/pages/a.md: error: 'a/index.html' in the output is also made by content/posts/a.md; "
        "only one of them can be written",
        "static/pagefind/0/x.js: error: 'pagefind/0/x.js' in the output is also made by the search index; "
        "only one of them can be written"]
