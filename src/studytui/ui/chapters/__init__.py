"""Chapters while watching: alt+c writes a chapter heading at the video time into the open lesson's file."""

from studytui.ui.chapters.chapters import Chapters

__all__ = ["Chapters"]
