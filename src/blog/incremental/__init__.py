"""Incremental builds: what a build keeps for the next (state.py), on disk (store.py), what each
page read (records.py, tracking.py), the pipeline's stages wrapped by key (reuse.py), and
`blog serve`'s fast path for body-only saves (fastpath.py)."""
