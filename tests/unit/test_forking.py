import gc
import sys

from blog.pipeline.build import BuildOptions
from blog.pipeline.forking import fork_available, frozen_for_fork


def test_the_heap_is_frozen_only_inside_and_thawed_even_after_a_failure():
    garbage = [object() for _ in range(100)]
    with frozen_for_fork():
        assert gc.get_freeze_count() >= len(garbage)
    assert gc.get_freeze_count() == 0
    try:
        with frozen_for_fork():
            raise RuntimeError("the fork failed")
    except RuntimeError:
        pass
    assert gc.get_freeze_count() == 0


def test_builds_fork_where_the_platform_can_unless_the_caller_says_no():
    assert fork_available() == (sys.platform != "win32")  # Linux and macOS have fork
    assert BuildOptions().fork == fork_available()
    assert BuildOptions(fork=False).fork is False  # blog serve, once its threads run
