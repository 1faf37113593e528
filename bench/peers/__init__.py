"""Adapters: one module per system, each with `load() -> extract(text) -> list[dict]`.

Every adapter returns, per text, a list of predictions in one shape::

    {"text", "start", "end",          # the span as found (end exclusive)
     "kind",                          # our kind: money, mass, length, percent, count, duration, …
     "value", "low", "high",          # value, or low/high for a range
     "unit",                          # our unit vocabulary (units.py): GBP, t, km, %, year … or None
     "native_unit", "item"}           # the system's own unit name; the counted noun (qatool)

They run in a worker process (worker.py), inside the environment where that system is installed.
"""
