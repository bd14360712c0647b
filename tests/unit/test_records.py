"""Dependency records cannot miss a model type: each is tracked by key or compared as a value."""

import dataclasses
import inspect

from blog.output.tracking import KEYS, VALUE_TYPES
from blog.site import model


def test_every_model_type_is_tracked_by_key_or_described_as_a_value():
    types = {obj for _, obj in inspect.getmembers(model, inspect.isclass)
             if obj.__module__ == model.__name__ and dataclasses.is_dataclass(obj)}
    assert types, "the scan sees the model's dataclasses"
    unrecorded = types - set(KEYS) - set(VALUE_TYPES)
    assert not unrecorded, f"add {sorted(t.__name__ for t in unrecorded)} to KEYS or VALUE_TYPES in output/tracking.py"
