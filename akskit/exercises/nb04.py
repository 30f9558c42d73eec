"""Exercises for notebook 04."""

from __future__ import annotations

from akskit.exercises._core import Exercise

EXERCISES: tuple[Exercise, ...] = ()
