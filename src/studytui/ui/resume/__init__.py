"""Picking up a lesson where it was left: its earlier cells shown, and replayed to rebuild the kernel."""
