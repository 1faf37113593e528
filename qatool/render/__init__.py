"""Renderers: records and figures → Rich views for people, JSON / JSON Lines / CSV for programs."""
