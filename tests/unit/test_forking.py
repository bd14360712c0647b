import gc
import threading

from blog.forking import can_fork, frozen_for_fork


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


def test_no_fork_while_another_thread_runs():
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert not can_fork()
    finally:
        release.set()
        worker.join()
